/**
 * Test helper: fixes only `Date` (and `Date.now`) at `now` for each test,
 * leaving every timer, tick and animation frame real so rendering and forms
 * keep working. Call it at the top level of a test file.
 */
export function fakeOnlyDate(now: string | Date): void {
  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date(now),
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterEach(() => jest.useRealTimers());
}
