// `npm run docs:tables`: rewrites README.md's generated Commands and Settings tables from package.json and
// package.nls.json. test/unit/docs/readme.test.ts fails while they differ.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_SECTIONS, readManifest, readNls, repoRoot, replaceSection, type SectionName } from './manifest';

const file = path.join(repoRoot, 'README.md');
const before = fs.readFileSync(file, 'utf8');
const manifest = readManifest();
const nls = readNls();
let after = before;
for (const name of Object.keys(GENERATED_SECTIONS) as SectionName[]) {
  after = replaceSection(after, name, GENERATED_SECTIONS[name](manifest, nls));
}
if (after === before) {
  console.log('README.md tables are up to date.');
} else {
  fs.writeFileSync(file, after);
  console.log('README.md tables updated from package.json.');
}
