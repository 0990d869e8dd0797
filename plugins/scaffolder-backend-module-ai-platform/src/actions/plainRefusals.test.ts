import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { withPlainRefusals } from './plainRefusals';

const failing = (error: Error) =>
  withPlainRefusals(
    createTemplateAction({
      id: 'test:fail',
      handler: async () => {
        throw error;
      },
    }),
  );

describe('withPlainRefusals', () => {
  it('logs a refusal as its name and message', async () => {
    const action = failing(new InputError('name: must be lowercase'));
    await expect(
      action.handler(createMockActionContext({ input: {} })),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'name: must be lowercase',
      stack: 'InputError: name: must be lowercase',
    });
  });

  it('keeps the stack of anything else', async () => {
    const bug = new TypeError('x is undefined');
    await expect(
      failing(bug).handler(createMockActionContext({ input: {} })),
    ).rejects.toMatchObject({
      name: 'TypeError',
      stack: expect.stringContaining('plainRefusals.test.ts'),
    });
  });

  it('keeps what the action is', () => {
    const action = failing(new Error('unused'));
    expect(action.id).toBe('test:fail');
  });
});
