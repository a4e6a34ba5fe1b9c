/**
 * GREEN-API answers malformed JSON with the old V8 wording, "Unexpected token } in JSON at
 * position 9" (docs/greenapi.md §5.1). Node 20 words JSON.parse errors differently and often without
 * a position, so this scanner finds the first offending character itself.
 */
export function legacyJsonParseError(text: string): string {
  const at = firstSyntaxErrorOffset(text);
  if (at >= text.length) return 'Unexpected end of JSON input';
  const found = /[-0-9]/.test(text[at]) ? 'number' : text[at] === '"' ? 'string' : `token ${text[at]}`;
  return `Unexpected ${found} in JSON at position ${at}`;
}

class SyntaxStop {
  constructor(readonly at: number) {}
}

/** Offset of the first character that breaks JSON syntax; text.length if the input ends early; -1 if valid. */
function firstSyntaxErrorOffset(text: string): number {
  let i = 0;
  const stop: () => never = () => {
    throw new SyntaxStop(i);
  };
  const skipWhitespace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (literal: string): void => {
    for (const ch of literal) {
      if (text[i] !== ch) stop();
      i++;
    }
  };
  const string = (): void => {
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) stop();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) stop();
          continue;
        }
        if (i >= text.length || !'"\\/bfnrt'.includes(text[i])) stop();
      }
      i++;
    }
    i++;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) stop();
    i += match[0].length;
  };
  const list = (close: string, item: () => void): void => {
    i++;
    skipWhitespace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      skipWhitespace();
      if (text[i] === close) {
        i++;
        return;
      }
      expect(',');
      skipWhitespace();
    }
  };
  const value = (): void => {
    skipWhitespace();
    const ch = text[i];
    if (ch === '{') {
      list('}', () => {
        string();
        skipWhitespace();
        expect(':');
        value();
      });
    } else if (ch === '[') {
      list(']', value);
    } else if (ch === '"') {
      string();
    } else if (ch === 't') {
      expect('true');
    } else if (ch === 'f') {
      expect('false');
    } else if (ch === 'n') {
      expect('null');
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      number();
    } else {
      stop();
    }
  };
  try {
    value();
    skipWhitespace();
    return i < text.length ? i : -1;
  } catch (error) {
    if (error instanceof SyntaxStop) return Math.min(error.at, text.length);
    throw error;
  }
}
