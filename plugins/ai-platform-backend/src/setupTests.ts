// Store and router tests migrate a fresh SQLite and PostgreSQL database per suite: more than
// jest's 5 s on a loaded 2-core machine. One budget for every test file here instead of one per
// file; the few that need longer set their own.
jest.setTimeout(60_000);
