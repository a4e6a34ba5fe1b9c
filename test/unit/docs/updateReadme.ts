// `npm run docs:tables`: rewrites the generated Commands and Settings tables from package.json and package.nls.json in
// README.md and in the .vsix's README (docs/marketplace/README.md). test/unit/docs/readme.test.ts fails while they differ.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VSIX_README } from '../../harness/vsix';
import { GENERATED_SECTIONS, readManifest, readNls, repoRoot, replaceSection, type SectionName } from './manifest';

const manifest = readManifest();
const nls = readNls();
for (const name of ['README.md', VSIX_README]) {
  const file = path.join(repoRoot, name);
  const before = fs.readFileSync(file, 'utf8');
  let after = before;
  for (const section of Object.keys(GENERATED_SECTIONS) as SectionName[]) {
    after = replaceSection(after, section, GENERATED_SECTIONS[section](manifest, nls));
  }
  if (after === before) {
    console.log(`${name} tables are up to date.`);
  } else {
    fs.writeFileSync(file, after);
    console.log(`${name} tables updated from package.json.`);
  }
}
