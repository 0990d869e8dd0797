import { renderInTestApp } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { fireEvent, screen, within } from '@testing-library/react';
import { CronSchedulePicker, validateCronSchedule } from './CronSchedulePicker';
import { fakeOnlyDate } from '../shared/testClock';

// The stepper scrolls to the top of each step, which jsdom does not implement.
beforeAll(() => {
  window.scrollTo = jest.fn();
});

// Only the clock is fixed, so the next runs are known; timers stay real for the form.
fakeOnlyDate('2026-11-29T20:30:00Z');

/** The picker in the scaffolder's own form, next to a `timezone` field. */
async function renderForm(initialState: Record<string, string> = {}) {
  await renderInTestApp(
    <Stepper
      manifest={{
        title: 'New pipeline',
        steps: [
          {
            title: 'Schedule',
            schema: {
              type: 'object',
              required: ['schedule'],
              properties: {
                timezone: { type: 'string', title: 'Time zone' },
                schedule: {
                  type: 'string',
                  title: 'Schedule',
                  'ui:field': 'CronSchedulePicker',
                },
              },
            },
          },
        ],
      }}
      extensions={[
        {
          name: 'CronSchedulePicker',
          component: CronSchedulePicker,
          validation: validateCronSchedule,
        },
      ]}
      initialState={initialState}
      onCreate={async () => {}}
    />,
  );
}

const scheduleField = () => screen.getByRole('textbox', { name: /Schedule/ });
const nextRuns = (zone: string) =>
  within(screen.getByRole('list', { name: `Next runs in ${zone}` }))
    .getAllByRole('listitem')
    .map(item => item.textContent);

describe('CronSchedulePicker', () => {
  it('lists the next five runs in UTC without a time zone, with the hint', async () => {
    await renderForm();
    fireEvent.change(scheduleField(), { target: { value: '0 2 * * *' } });
    expect(nextRuns('UTC')).toEqual([
      'Mon, Nov 30, 2026, 02:00',
      'Tue, Dec 1, 2026, 02:00',
      'Wed, Dec 2, 2026, 02:00',
      'Thu, Dec 3, 2026, 02:00',
      'Fri, Dec 4, 2026, 02:00',
    ]);
    expect(
      screen.getByText(/minute, hour, day of month, month, day of week/),
    ).toBeInTheDocument();
  });

  it("lists them in the form's time zone as it changes", async () => {
    await renderForm({
      timezone: 'Europe/Berlin',
      schedule: '30 9 * * MON-FRI',
    });
    expect(nextRuns('Europe/Berlin')).toEqual([
      'Mon, Nov 30, 2026, 09:30',
      'Tue, Dec 1, 2026, 09:30',
      'Wed, Dec 2, 2026, 09:30',
      'Thu, Dec 3, 2026, 09:30',
      'Fri, Dec 4, 2026, 09:30',
    ]);
    fireEvent.change(screen.getByRole('textbox', { name: 'Time zone' }), {
      target: { value: 'America/New_York' },
    });
    expect(nextRuns('America/New_York')[0]).toBe('Mon, Nov 30, 2026, 09:30');
  });

  it('falls back to UTC, saying so, when the time zone is unknown', async () => {
    await renderForm({ timezone: 'Mars/Olympus', schedule: '@daily' });
    expect(
      screen.getByText(/the time zone "Mars\/Olympus" is not one we know/),
    ).toBeInTheDocument();
    expect(nextRuns('UTC')[0]).toBe('Mon, Nov 30, 2026, 00:00');
  });

  it('says what is wrong as one types, and the form refuses the schedule', async () => {
    await renderForm();
    fireEvent.change(scheduleField(), { target: { value: '0 2 * *' } });
    const problem =
      'must have five fields (minute hour day-of-month month day-of-week), not 4';
    expect(screen.getByText(`The schedule ${problem}.`)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: /Next runs/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    // The form's error under the field, in place of the picker's own line.
    expect(await screen.findByText(problem)).toHaveAttribute(
      'id',
      'root_schedule__error',
    );
    expect(screen.queryByText(`The schedule ${problem}.`)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });

  it('lets a valid schedule through to the review', async () => {
    await renderForm({ timezone: 'Europe/Berlin' });
    fireEvent.change(scheduleField(), { target: { value: '*/15 9-17 * * *' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(await screen.findByText('*/15 9-17 * * *')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create' })).toBeInTheDocument();
  });
});

describe('validateCronSchedule', () => {
  const validate = (value: string | undefined, timezone?: string) => {
    const addError = jest.fn();
    validateCronSchedule(value, { addError }, { formData: { timezone } });
    return addError.mock.calls.map(([message]) => message);
  };

  it('takes five fields and presets', () => {
    expect(validate('0 2 * * *', 'Europe/Berlin')).toEqual([]);
    expect(validate('@weekly')).toEqual([]);
  });

  it("refuses what an orchestrator would not read, with cronProblem's message", () => {
    expect(validate('0 2 L * *')).toEqual([
      'day of month field "L" may only hold numbers, names, *, ranges (-), steps (/) and lists (,)',
    ]);
    expect(validate('@reboot')[0]).toMatch(/must be one of the presets/);
    expect(validate(undefined)[0]).toMatch(/must be a cron expression/);
  });

  it('reads the schedule in UTC when the time zone is unknown', () => {
    expect(validate('0 2 * * *', 'Mars/Olympus')).toEqual([]);
  });
});
