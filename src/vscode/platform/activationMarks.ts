// `npm run bench` breaks a session's activation and first post down with these performance marks, which its probe
// extension reads in the same extension host (bench/workbench.ts). Each is set once per session, so a long session
// holds a handful; a mark costs about a microsecond.
const PREFIX = 'whatsappStatus/';
const marked = new Set<string>();

/** Runs one part of activate() between two marks named after it. */
export function activationPart<T>(part: string, run: () => T): T {
  return betweenMarks(`activate/${part}`, run);
}

/** The same for a part of activation that waits until activate() has returned. */
export function afterActivationPart<T>(part: string, run: () => T): T {
  return betweenMarks(`afterActivate/${part}`, run);
}

function betweenMarks<T>(name: string, run: () => T): T {
  firstTime(`${name}/start`);
  try {
    return run();
  } finally {
    firstTime(`${name}/end`);
  }
}

/**
 * Marks a moment the first time it comes in this session: the first secret read settling, the first post's prompt, a
 * bundle loaded (with what the bench reads of it in `detail`).
 */
export function firstTime(moment: string, detail?: Record<string, unknown>): void {
  if (marked.has(moment)) return;
  marked.add(moment);
  performance.mark(`${PREFIX}${moment}`, detail && { detail });
}
