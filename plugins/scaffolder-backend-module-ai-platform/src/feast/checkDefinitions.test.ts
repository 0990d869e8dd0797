import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderFeatureRepo } from './definitions';
import { pyStr } from './python';
import {
  awkwardStrings,
  everyDtype,
  storageOfEveryKind,
  testView,
} from '../__testUtils__/feastViews';

const CHECKER = path.resolve(
  __dirname,
  '../../../../scripts/feast/check_definitions.py',
);

// The checker needs only Python's standard library; every machine of the project has python3
// (Debian's). Without it the test fails saying how to get it, rather than checking nothing.
const PYTHON = 'python3';
const pythonProblem = spawnSync(PYTHON, ['--version']).error;

function runChecker(...files: string[]) {
  return spawnSync(PYTHON, [CHECKER, ...files], { encoding: 'utf8' });
}

describe('scripts/feast/check_definitions.py', () => {
  beforeAll(() => {
    if (pythonProblem) {
      throw new Error(
        `python3 is needed to run the Feast definitions checker (apt-get install -y python3): ${pythonProblem.message}`,
      );
    }
  });

  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feast-defs-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it.each(Object.keys(storageOfEveryKind))(
    'passes the definitions of a view over a %s dataset, with every value type and awkward strings',
    kind => {
      const [, definitions] = renderFeatureRepo(
        testView({
          name: `view_${kind}`,
          entity: {
            name: 'user',
            joinKeys: ['user_id', 'session_id'],
            description: awkwardStrings.join(' | '),
          },
          features: everyDtype.map((f, i) => ({
            ...f,
            description: awkwardStrings[i % awkwardStrings.length],
          })),
          online: kind !== 'redshift',
          ttlSeconds: kind === 'file' ? 0 : 3600,
          tags: Object.fromEntries(
            awkwardStrings.map((s, i) => [`tag.${i}/x-y`, s]),
          ),
          description: 'He said "don\'t" \\ and left',
        }),
        { ref: 'resource:default/events', storage: storageOfEveryKind[kind] },
      );
      const file = write(definitions.path, definitions.content);
      const result = runChecker(file);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`ok: ${file}\n`);
      expect(result.status).toBe(0);
    },
  );

  it('refuses a call with a keyword argument outside the allow-list', () => {
    const [, definitions] = renderFeatureRepo(testView(), {
      ref: 'resource:default/events',
      storage: storageOfEveryKind.file,
    });
    const file = write(
      'unknown_kwarg.py',
      definitions.content.replace(
        '    online=True,\n',
        '    online=True,\n    udf=print,\n',
      ),
    );
    const result = runChecker(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /unknown_kwarg\.py:\d+:\d+: FeatureView\(\) has no keyword argument 'udf' in Feast 0\.40's API/,
    );
  });

  it.each([
    ['an import of another module', 'import os\n'],
    ['a name imported under another name', 'from feast import Entity as E\n'],
    ['code in a string-built call', 'x = eval("1")\n'],
    ['a function', 'def f():\n    pass\n'],
    [
      'an entity with two join keys, which Feast refuses',
      'from feast import Entity\ne = Entity(name="e", join_keys=["a", "b"])\n',
    ],
    ['a file that does not compile', 'x = (\n'],
  ])('refuses %s', (_, content) => {
    const result = runChecker(write('refused.py', content));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refused.py');
  });

  it('reads each escaped string back as it was written', () => {
    const literals = awkwardStrings.map(pyStr).join(', ');
    const readBack = execFileSync(
      PYTHON,
      [
        '-c',
        'import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))',
      ],
      { input: `[${literals}]`, encoding: 'utf8' },
    );
    expect(JSON.parse(readBack)).toEqual(awkwardStrings);
  });
});
