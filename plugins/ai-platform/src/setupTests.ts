import '@testing-library/jest-dom';

// Rendering a file's first test loads MUI and the test app: more than jest's 5 s on a loaded
// 2-core machine. One budget for every test file here instead of one per file.
jest.setTimeout(30_000);
