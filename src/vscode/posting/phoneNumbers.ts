import * as path from 'node:path';
import type { PhoneNumberReader } from '../../core/audience/participants';

type PhoneNumbersModule = typeof import('../../core/audience/phoneNumbers');
let loaded: PhoneNumbersModule | undefined;

/**
 * The reader of typed phone numbers. libphonenumber and its metadata are bundled separately as dist/phoneNumbers.js
 * and loaded the first time the audience picker opens, so they cost nothing at activation or in the main bundle.
 */
export function phoneNumberReader(ownNumber: string | undefined): PhoneNumberReader {
  // A computed path, so esbuild leaves the require alone and the module stays in its own file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import() would be bundled into extension.js
  loaded ??= require(path.join(__dirname, 'phoneNumbers.js')) as PhoneNumbersModule;
  return loaded.phoneNumberReader(ownNumber);
}
