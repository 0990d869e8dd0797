const fs = require('fs');
const path = require('path');

// Each folder of src/ but these is a domain (docs/architecture.md): a domain reads another
// only through that domain's index.ts (its factory, service and types), never its stores or
// routes; shared/ and database/ serve every domain and import none.
const NOT_DOMAINS = ['shared', 'database', '__testUtils__'];
const domains = fs
  .readdirSync(path.join(__dirname, 'src'), { withFileTypes: true })
  .filter(entry => entry.isDirectory() && !NOT_DOMAINS.includes(entry.name))
  .map(entry => entry.name);

const zones = [
  ...domains.flatMap(domain =>
    domains
      .filter(other => other !== domain)
      .map(other => ({
        target: `./src/${domain}`,
        from: `./src/${other}`,
        except: ['./index.ts'],
        message: `A domain reads another only through its index.ts (its service); see docs/architecture.md.`,
      })),
  ),
  ...['shared', 'database'].flatMap(neutral =>
    domains.map(domain => ({
      target: `./src/${neutral}`,
      from: `./src/${domain}`,
      message: `${neutral}/ serves every domain and imports none; see docs/architecture.md.`,
    })),
  ),
];

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The rule compares resolved files, so TypeScript sources must resolve.
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
  },
  rules: {
    'import/no-restricted-paths': ['error', { basePath: __dirname, zones }],
  },
});
