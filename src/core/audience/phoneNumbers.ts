// libphonenumber with its smallest metadata, bundled on its own (dist/phoneNumbers.js) and loaded only by the
// audience picker: it is most of the size of the extension, and activation does not need it.
import { parsePhoneNumberWithError, type PhoneNumber } from 'libphonenumber-js/min';
import type { PhoneNumberReader } from './participants';

type Home = { defaultCountry: NonNullable<PhoneNumber['country']> } | { defaultCallingCode: string };

/**
 * Reads typed numbers the way a phone of the account does: one typed with `+` or `00` in its own country, one
 * without in the country of `ownNumber` (the account's number, digits only) first, else as international without its
 * `+`. A valid reading wins over one that only has a possible length; among equals, the local reading.
 * Without `ownNumber`, a number without `+` is read as international only.
 */
export function phoneNumberReader(ownNumber: string | undefined): PhoneNumberReader {
  const own = ownNumber ? parse(`+${ownNumber}`) : undefined;
  // +44 7700 900… is reserved for drama and so not valid: its country is unknown, but its calling code is not.
  const home: Home | undefined =
    typeof own === 'object' ? (own.country ? { defaultCountry: own.country } : { defaultCallingCode: own.countryCallingCode }) : undefined;
  return {
    read(number) {
      if (number.startsWith('+')) {
        const parsed = parse(number);
        if (parsed === 'bad-country-code') return { problem: parsed };
        return parsed?.isPossible() ? reading(parsed) : { problem: 'impossible' };
      }
      const possible = [home && parse(number, home), parse(`+${number}`)].filter(
        (candidate): candidate is PhoneNumber => typeof candidate === 'object' && candidate.isPossible(),
      );
      // Validity is the slow check (every number type's pattern): asked only to choose between two possible readings.
      const best = possible.length > 1 ? (possible.find((candidate) => candidate.isValid()) ?? possible[0]) : possible[0];
      if (best) return reading(best);
      // A leading 0 is a trunk prefix in most countries: without its country, the number cannot be placed.
      return { problem: !home || number.startsWith('0') ? 'local-format' : 'impossible' };
    },
  };
}

/** The number, 'bad-country-code' when no country has its code, or undefined when it is not a number at all. */
function parse(text: string, home?: Home): PhoneNumber | 'bad-country-code' | undefined {
  try {
    return parsePhoneNumberWithError(text, home);
  } catch (error) {
    return error instanceof Error && error.message === 'INVALID_COUNTRY' ? 'bad-country-code' : undefined;
  }
}

function reading(number: PhoneNumber): { digits: string; display: string } {
  return { digits: number.number.slice(1), display: display(number) };
}

/**
 * The number as its country groups it, after the country code: `+7 900 111-22-33`. libphonenumber-js's international
 * format turns every hyphen into a space (`+7 900 111 22 33`); its national format keeps the country's own grouping,
 * but only where it can leave out the trunk prefix (8 in Russia) and has no brackets for the area code.
 */
function display(number: PhoneNumber): string {
  const national = number.format('NATIONAL', { nationalPrefix: false });
  return national.replace(/\D/g, '') === number.nationalNumber && !/[()]/.test(national)
    ? `+${number.countryCallingCode} ${national}`
    : number.formatInternational();
}
