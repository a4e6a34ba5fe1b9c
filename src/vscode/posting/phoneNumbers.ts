import type { PhoneNumberReader } from '../../core/audience/participants';
import type { Bundles } from '../platform/bundles';

type PhoneNumbersModule = typeof import('../../core/audience/phoneNumbers');

/**
 * The reader of typed phone numbers. libphonenumber and its metadata are bundled separately as dist/phoneNumbers.js
 * and loaded the first time the audience picker opens, so they cost nothing at activation or in the main bundle.
 */
export function phoneNumberReader(bundles: Bundles, ownNumber: string | undefined): PhoneNumberReader {
  return bundles.load<PhoneNumbersModule>('phoneNumbers').phoneNumberReader(ownNumber);
}
