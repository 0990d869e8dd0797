import { describeFetchFailure } from './fetchFailure';

describe('describeFetchFailure', () => {
  it('names a timeout by its length', () => {
    expect(
      describeFetchFailure(
        new DOMException(
          'The operation was aborted due to timeout',
          'TimeoutError',
        ),
        2_500,
      ),
    ).toBe('no answer within 2.5 s');
  });

  it("gives the error's message and its cause's", () => {
    const refused = new TypeError('fetch failed', {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:5000'),
    });
    expect(describeFetchFailure(refused, 1_000)).toBe(
      'fetch failed (connect ECONNREFUSED 127.0.0.1:5000)',
    );
    expect(describeFetchFailure(new Error('socket hang up'), 1_000)).toBe(
      'socket hang up',
    );
    expect(describeFetchFailure('odd', 1_000)).toBe('odd');
  });
});
