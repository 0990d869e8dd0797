import { GridIntensitySeries, parseGridIntensityCsv } from './gridIntensity';

const at = (iso: string) => Date.parse(iso);
const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

describe('parseGridIntensityCsv, datetime + gco2e_per_kwh', () => {
  it('reads the two columns in any case and order, ignoring others, sorted by hour', () => {
    const csv = lines(
      'Zone,GCO2E_PER_KWH,DateTime',
      'DE,312.5,2026-11-01T01:00:00Z',
      'DE,298,2026-11-01T00:00:00Z',
      'DE,0,2026-11-01T04:00:00+02:00',
      'DE,1e2,2026-11-01T08:30:00+0530',
      'DE,250.0,2026-11-01T04:00:00.000z',
    );
    expect(parseGridIntensityCsv(csv)).toEqual({
      points: [
        { hourStart: at('2026-11-01T00:00:00Z'), gramsPerKwh: 298 },
        { hourStart: at('2026-11-01T01:00:00Z'), gramsPerKwh: 312.5 },
        { hourStart: at('2026-11-01T02:00:00Z'), gramsPerKwh: 0 },
        { hourStart: at('2026-11-01T03:00:00Z'), gramsPerKwh: 100 },
        { hourStart: at('2026-11-01T04:00:00Z'), gramsPerKwh: 250 },
      ],
      problems: [],
      column: 'GCO2E_PER_KWH',
    });
  });

  it('refuses the whole file, listing every bad line by its number in the file', () => {
    const csv = lines(
      'datetime,gco2e_per_kwh',
      '2026-11-01T00:00:00Z,300',
      '',
      '2026-11-01 01:00:00,300',
      'yesterday,300',
      '2026-11-01T02:30:00Z,300',
      '2026-11-01T00:00:00+00:00,310',
      '2026-11-01T03:00:00Z,',
      '2026-11-01T04:00:00Z,-5',
      '2026-11-01T05:00:00Z,n/a',
      '2026-11-01T06:00:00Z',
      '2026-02-30T00:00:00Z,1',
      '2026-11-01T07:00:00.5Z,1',
      '2026-11-01T07:30:00+05:00,1',
    );
    const time = 'datetime';
    const intensity = 'gco2e_per_kwh';
    expect(parseGridIntensityCsv(csv)).toEqual({
      points: [],
      column: intensity,
      problems: [
        {
          line: 4,
          column: time,
          message:
            '"2026-11-01 01:00:00" is not an ISO 8601 date-time with a time zone (Z or ±hh:mm)',
        },
        {
          line: 5,
          column: time,
          message:
            '"yesterday" is not an ISO 8601 date-time with a time zone (Z or ±hh:mm)',
        },
        {
          line: 6,
          column: time,
          message: '"2026-11-01T02:30:00Z" is not the start of a UTC hour',
        },
        {
          line: 7,
          column: time,
          message: 'the hour 2026-11-01T00:00:00.000Z is also on line 2',
        },
        { line: 8, column: intensity, message: 'the intensity is missing' },
        { line: 9, column: intensity, message: '-5 is negative' },
        { line: 10, column: intensity, message: '"n/a" is not a number' },
        { line: 11, column: intensity, message: 'the intensity is missing' },
        {
          line: 12,
          column: time,
          message: '"2026-02-30T00:00:00Z" is not a date and time that exist',
        },
        {
          line: 13,
          column: time,
          message: '"2026-11-01T07:00:00.5Z" is not the start of a UTC hour',
        },
        {
          line: 14,
          column: time,
          message: '"2026-11-01T07:30:00+05:00" is not the start of a UTC hour',
        },
      ],
    });
  });

  it('lists both problems of a line bad twice', () => {
    const { problems } = parseGridIntensityCsv(
      lines('datetime,gco2e_per_kwh', 'soon,lots'),
    );
    expect(problems.map(p => [p.line, p.column])).toEqual([
      [2, 'datetime'],
      [2, 'gco2e_per_kwh'],
    ]);
  });
});

describe('parseGridIntensityCsv, Electricity Maps exports', () => {
  // Headers as the data portal wrote them: 2021–23 exports, then later ones.
  const LCA_EXPORT =
    'Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),' +
    'Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,' +
    'Data Source,Data Estimated,Data Estimation Method';
  const LIFE_CYCLE_EXPORT =
    'Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),' +
    'Carbon intensity gCO₂eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),' +
    'Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method';

  it('reads the life-cycle column of a 2021–23 export, times in UTC', () => {
    const csv = lines(
      LCA_EXPORT,
      '2023-06-01 00:00:00,Germany,Germany,DE,301.4,355.9,58.2,52.7,entsoe.eu,false,',
      '2023-06-01 01:00:00,Germany,Germany,DE,310.02,362.5,57.1,51.9,entsoe.eu,true,TIME_SLICER_AVERAGE',
    );
    expect(parseGridIntensityCsv(csv)).toEqual({
      points: [
        { hourStart: at('2023-06-01T00:00:00Z'), gramsPerKwh: 355.9 },
        { hourStart: at('2023-06-01T01:00:00Z'), gramsPerKwh: 362.5 },
      ],
      problems: [],
      column: 'Carbon Intensity gCO₂eq/kWh (LCA)',
    });
  });

  it('reads the life-cycle column of a later export', () => {
    const csv = lines(
      LIFE_CYCLE_EXPORT,
      '2024-01-01 00:00:00,Sweden,Sweden,SE,3.1,28.4,99.1,61.0,svk.se,true,ESTIMATED_FORECASTS_HIERARCHY',
    );
    expect(parseGridIntensityCsv(csv)).toEqual({
      points: [{ hourStart: at('2024-01-01T00:00:00Z'), gramsPerKwh: 28.4 }],
      problems: [],
      column: 'Carbon intensity gCO₂eq/kWh (Life cycle)',
    });
  });

  it('matches headers in other casings, behind a byte order mark', () => {
    const csv = lines(
      '\uFEFFDATETIME (UTC),CARBON INTENSITY GCO₂EQ/KWH (DIRECT),carbon intensity gco₂eq/kwh (life cycle assessment)',
      '2024-01-01T05:00:00Z,12,40',
    );
    expect(parseGridIntensityCsv(csv)).toEqual({
      points: [{ hourStart: at('2024-01-01T05:00:00Z'), gramsPerKwh: 40 }],
      problems: [],
      column: 'carbon intensity gco₂eq/kwh (life cycle assessment)',
    });
  });

  it('falls back to the direct column without a life-cycle one', () => {
    const csv = lines(
      'Datetime (UTC),Zone Id,Carbon Intensity gCO2eq/kWh (direct)',
      '2024-01-01 00:00:00,FR,21.7',
    );
    expect(parseGridIntensityCsv(csv)).toEqual({
      points: [{ hourStart: at('2024-01-01T00:00:00Z'), gramsPerKwh: 21.7 }],
      problems: [],
      column: 'Carbon Intensity gCO2eq/kWh (direct)',
    });
  });

  it('checks the rows of an export like any other', () => {
    const csv = lines(
      LCA_EXPORT,
      '2023-06-01 00:15:00,Germany,Germany,DE,301.4,355.9,58.2,52.7,entsoe.eu,false,',
      '2023-06-01 01:00:00,Germany,Germany,DE,310.02,,57.1,51.9,entsoe.eu,true,',
    );
    expect(parseGridIntensityCsv(csv).problems).toEqual([
      {
        line: 2,
        column: 'Datetime (UTC)',
        message: '"2023-06-01 00:15:00" is not the start of a UTC hour',
      },
      {
        line: 3,
        column: 'Carbon Intensity gCO₂eq/kWh (LCA)',
        message: 'the intensity is missing',
      },
    ]);
  });
});

describe('parseGridIntensityCsv, files it cannot read', () => {
  it.each(['', '\n\n'])(
    'names the columns it looked for in an empty file: %j',
    text => {
      const result = parseGridIntensityCsv(text);
      expect(result.points).toEqual([]);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0].line).toBe(1);
      expect(result.problems[0].message).toMatch(
        /^The file is empty: looked for/,
      );
      expect(result.problems[0].message).toContain(
        '`datetime` and `gco2e_per_kwh`',
      );
      expect(result.problems[0].message).toContain('`Datetime (UTC)`');
    },
  );

  it('names the columns it looked for when none is usable', () => {
    const result = parseGridIntensityCsv(
      lines('datetime,intensity', '2024-01-01T00:00:00Z,300'),
    );
    expect(result).toEqual({
      points: [],
      problems: [
        {
          line: 1,
          message: expect.stringMatching(
            /^No usable columns: looked for `datetime` and `gco2e_per_kwh`, or an Electricity Maps export/,
          ),
        },
      ],
    });
  });

  it('says when there is a header but no hours', () => {
    expect(parseGridIntensityCsv('datetime,gco2e_per_kwh\n')).toEqual({
      points: [],
      problems: [{ line: 1, message: 'The file has a header but no hours' }],
      column: 'gco2e_per_kwh',
    });
  });

  it('reports malformed CSV at its line', () => {
    const { points, problems } = parseGridIntensityCsv(
      lines(
        'datetime,gco2e_per_kwh',
        '2024-01-01T00:00:00Z,300',
        '"2024-01-01T01:00:00Z,300',
      ),
    );
    expect(points).toEqual([]);
    expect(problems).toEqual([
      { line: 3, message: expect.stringContaining('Quote Not Closed') },
    ]);
  });
});

describe('GridIntensitySeries', () => {
  const series = new GridIntensitySeries(
    [
      { hourStart: at('2026-11-01T00:00:00Z'), gramsPerKwh: 300 },
      { hourStart: at('2026-11-01T01:00:00Z'), gramsPerKwh: 120 },
    ],
    400,
  );

  it('gives the intensity of the hour containing a time', () => {
    expect(series.at(at('2026-11-01T00:00:00Z'))).toBe(300);
    expect(series.at(at('2026-11-01T00:59:59.999Z'))).toBe(300);
    expect(series.at(at('2026-11-01T01:00:00Z'))).toBe(120);
    expect(series.at(at('2026-11-01T01:30:00Z'))).toBe(120);
    expect(series.size).toBe(2);
  });

  it('falls back outside the series', () => {
    expect(series.at(at('2026-10-31T23:59:59.999Z'))).toBe(400);
    expect(series.at(at('2026-11-01T02:00:00Z'))).toBe(400);
    expect(new GridIntensitySeries([], 55).at(0)).toBe(55);
    expect(new GridIntensitySeries([], 55).size).toBe(0);
  });

  it('finds hours before 1970 too', () => {
    const early = new GridIntensitySeries(
      [{ hourStart: -3_600_000, gramsPerKwh: 9 }],
      1,
    );
    expect(early.at(-1)).toBe(9);
    expect(early.at(0)).toBe(1);
  });

  it('takes the points parseGridIntensityCsv gives', () => {
    const { points } = parseGridIntensityCsv(
      lines('datetime,gco2e_per_kwh', '2026-11-01T05:00:00Z,210'),
    );
    expect(
      new GridIntensitySeries(points, 0).at(at('2026-11-01T05:45:00Z')),
    ).toBe(210);
  });

  it('refuses points it could not look up and a bad fallback', () => {
    expect(() => new GridIntensitySeries([], -1)).toThrow(RangeError);
    expect(() => new GridIntensitySeries([], NaN)).toThrow(RangeError);
    expect(
      () => new GridIntensitySeries([{ hourStart: 1, gramsPerKwh: 1 }], 0),
    ).toThrow('point 0: 1 is not a whole UTC hour');
    expect(
      () => new GridIntensitySeries([{ hourStart: 0, gramsPerKwh: -1 }], 0),
    ).toThrow('point 0: -1 g/kWh is not an intensity');
    expect(
      () =>
        new GridIntensitySeries(
          [
            { hourStart: 0, gramsPerKwh: 1 },
            { hourStart: 0, gramsPerKwh: 2 },
          ],
          0,
        ),
    ).toThrow('point 1: a second point for the same hour');
  });
});
