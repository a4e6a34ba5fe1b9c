import * as vscode from 'vscode';
import type { CaptionProblem } from '../../core/statuses/caption';
import { isStatusMethod, mayHaveBeenQueued, type GreenApiError } from '../../core/greenApi/errors';
import type { HostProblem } from '../../core/greenApi/hosts';
import type { NamedAudienceProblem } from '../../core/audience/audience';
import type { MediaProblem } from '../../core/media/media';
import type { ParticipantProblem } from '../../core/audience/participants';
import type { PreflightWarning } from '../../core/media/preflight';
import type { PostTarget } from '../../core/statuses/postWorkflow';
import type { ColorProblem } from '../../core/statuses/statusColor';
import type { TextStatusProblem } from '../../core/statuses/textStatus';
import type { VoiceProblem } from '../../core/statuses/voiceStatus';
import { formatBytes } from '../../core/common/format';
import { showInvisible } from '../../core/statuses/visibleText';

/** Why a picked resource cannot be posted, beyond the media and voice rules. */
export type ResourceProblem =
  | MediaProblem
  | VoiceProblem
  | { readonly code: 'missing' }
  | { readonly code: 'unsaved' }
  | { readonly code: 'unreadable' }
  /** Its structure could not be followed to leave out its metadata: it would be a corrupt upload. */
  | { readonly code: 'malformed'; readonly format: string; readonly truncated: boolean };

export function describeResourceProblem(problem: ResourceProblem): string {
  switch (problem.code) {
    case 'directory':
      return vscode.l10n.t('it is a folder; pick an image or a video');
    case 'empty':
      return vscode.l10n.t('the file is empty');
    case 'too-large': {
      // Just over the limit both round to "100 MB": then show the exact byte counts.
      const exact = formatBytes(problem.size) === formatBytes(problem.limit);
      const show = (bytes: number) => (exact ? vscode.l10n.t('{0} bytes', bytes.toLocaleString('en-US')) : formatBytes(bytes));
      return vscode.l10n.t('it is {0}, over the {1} GREEN-API accepts', show(problem.size), show(problem.limit));
    }
    case 'no-extension':
      return vscode.l10n.t('it has no file extension, and WhatsApp decides the type by extension');
    case 'trailing-characters':
      return problem.extension
        ? vscode.l10n.t('its name ends in spaces, dots or invisible characters after {0}; rename it to end in {0}', showInvisible(problem.extension))
        : vscode.l10n.t('its name ends in spaces, dots or invisible characters; rename it');
    case 'audio':
      return vscode.l10n.t('{0} is audio: a media status takes images and videos only (audio goes in a voice status)', problem.extension);
    case 'unsupported-type':
      return vscode.l10n.t('{0} is not a supported type; use .jpg, .jpeg, .png, .bmp, .mp4 or .mov', showInvisible(problem.extension));
    case 'missing':
      return vscode.l10n.t('the file does not exist (moved or deleted?)');
    case 'unsaved':
      return vscode.l10n.t('it is not saved to disk; save it first');
    case 'unreadable':
      return vscode.l10n.t('the file cannot be read (permissions?)');
    case 'malformed':
      return problem.truncated
        ? vscode.l10n.t('the {0} file is cut short, so it would upload broken; save or export it again', problem.format)
        : vscode.l10n.t('the {0} file is damaged (its structure cannot be read), so it would upload broken; save or export it again', problem.format);
    case 'convert-to-mp3':
      return vscode.l10n.t('{0} audio is not accepted for voice statuses: convert it to .mp3 (or .wav)', problem.extension);
    case 'not-audio':
      return vscode.l10n.t('{0} is not audio: a voice status takes .mp3 or .wav', showInvisible(problem.extension));
  }
}

/** One line for the confirmation: what is left out of the uploads (the log names the fields); undefined when nothing. */
export function describeRemovedMetadata(targets: readonly PostTarget[]): string | undefined {
  const location = targets.some((target) => target.metadata?.location);
  const other = targets.some((target) => target.metadata?.fields.size);
  if (location && other) return vscode.l10n.t('Location and camera details removed');
  if (location) return vscode.l10n.t('Location removed');
  return other ? vscode.l10n.t('Camera details removed') : undefined;
}

export function describeColorProblem(problem: ColorProblem): string {
  switch (problem.code) {
    case 'invalid-color':
      return vscode.l10n.t('Use #RRGGBB, for example #075E54');
    case 'white-background':
      return vscode.l10n.t('The text is always white, so the background cannot be white');
    case 'too-light':
      return vscode.l10n.t('{0} is too light for the white text (contrast {1}:1, at least {2}:1 needed)', problem.color, problem.contrast, problem.min);
  }
}

export function describeTextProblem(problem: TextStatusProblem): string {
  switch (problem.code) {
    case 'empty':
      return vscode.l10n.t('Write some text');
    case 'too-long':
      return vscode.l10n.t('The text is {0} characters; a text status allows {1}.', problem.length, problem.max);
    case 'control-characters':
      return vscode.l10n.t('The text contains control characters.');
    case 'unpaired-surrogate':
      return vscode.l10n.t('The text contains half of an emoji or another character; delete it and type it again.');
    case 'unknown-font':
      return vscode.l10n.t('Unknown font {0}', problem.font);
    default:
      return describeColorProblem(problem);
  }
}

/** Advice shown before anything is uploaded; the person may post anyway. */
export function describePreflightWarning(label: string, warning: PreflightWarning): string {
  switch (warning.code) {
    case 'not-portrait':
      return vscode.l10n.t(
        '{0} is {1} ({2}×{3}); statuses fill the screen best at 9:16 portrait, so it will show cropped or with bars.',
        label,
        warning.ratio,
        warning.width,
        warning.height,
      );
    case 'video-will-be-cut':
      return vscode.l10n.t(
        '{0} is {1} s long; WhatsApp cuts status videos to the first {2} s.',
        label,
        Math.round(warning.durationSeconds),
        warning.limitSeconds,
      );
    case 'audio-only':
      return vscode.l10n.t('{0} holds only sound: post it as a voice status instead.', label);
    case 'voice-not-sent':
      return vscode.l10n.t(
        '{0} is {1} min long; voice statuses over {2} minutes are not sent.',
        label,
        Math.round(warning.durationSeconds / 60),
        warning.limitSeconds / 60,
      );
  }
}

export function describeNamedAudienceProblem(problem: NamedAudienceProblem): string {
  switch (problem.code) {
    case 'not-an-object':
      return vscode.l10n.t('whatsappStatus.audiences must map names to lists of numbers');
    case 'empty-name':
      return vscode.l10n.t('an audience in whatsappStatus.audiences has no name');
    case 'duplicate-name':
      return vscode.l10n.t('the audience "{0}" is listed twice', problem.name);
    case 'not-a-list':
      return vscode.l10n.t('the audience "{0}" is not a list of numbers', problem.name);
    case 'invalid-participant':
      return vscode.l10n.t('"{0}" in the audience "{1}": {2}', problem.entry, problem.name, describeParticipantProblem(problem.problem));
    case 'no-participants':
      return vscode.l10n.t('the audience "{0}" has no valid numbers', problem.name);
  }
}

export function describeParticipantProblem(problem: ParticipantProblem): string {
  switch (problem) {
    case 'group':
      return vscode.l10n.t('groups cannot see statuses');
    case 'hidden-number':
      return vscode.l10n.t('this id hides the phone number; type the number instead');
    case 'ambiguous':
      return vscode.l10n.t('one number or several? Separate numbers with commas');
    case 'bad-country-code':
      return vscode.l10n.t('no country has this country code');
    case 'local-format':
      return vscode.l10n.t('add the country code');
    case 'impossible':
      return vscode.l10n.t('impossible number: too many or too few digits for its country');
    case 'too-short':
      return vscode.l10n.t('too short for an international number');
    case 'too-long':
      return vscode.l10n.t('too long for a phone number');
    case 'not-a-number':
      return vscode.l10n.t('not a phone number');
  }
}

export function describeCaptionProblem(problem: CaptionProblem): string {
  switch (problem.code) {
    case 'too-long':
      return vscode.l10n.t('The caption is {0} characters; WhatsApp allows {1}.', problem.length, problem.max);
    case 'control-characters':
      return vscode.l10n.t('The caption contains control characters.');
    case 'unpaired-surrogate':
      return vscode.l10n.t('The caption contains half of an emoji or another character; delete it and type it again.');
  }
}

export function describeHostProblem(setting: string, problem: HostProblem): string {
  return problem === 'not-https'
    ? vscode.l10n.t('The setting whatsappStatus.{0} must be an https:// URL: the token travels in the request path.', setting)
    : vscode.l10n.t('The setting whatsappStatus.{0} is not a valid URL.', setting);
}

/** Buttons an error message may offer. */
export type ErrorAction = 'setCredentials' | 'openSettings' | 'retry';

export interface ErrorContext {
  /** The file the failure concerns, if any. */
  readonly fileLabel?: string;
  /** getStateInstance succeeded with these credentials, so a 403 from a status method means no beta access. */
  readonly instanceVerified: boolean;
}

/** One specific, actionable sentence per failure kind (docs/reliability.md §7 item 16). */
export function describeError(error: GreenApiError, context: ErrorContext): { message: string; actions: ErrorAction[] } {
  const status = error.httpStatus ?? '';
  const queuedMaybe = mayHaveBeenQueued(error);
  const base = ((): { message: string; actions: ErrorAction[] } => {
    switch (error.kind) {
      case 'credentials':
        return {
          message: vscode.l10n.t('GREEN-API rejected the credentials (401): the apiTokenInstance is wrong or was regenerated.'),
          actions: ['setCredentials'],
        };
      case 'forbidden':
        if (!isStatusMethod(error.apiMethod)) {
          return {
            message: vscode.l10n.t(
              'GREEN-API refused access (403): check the idInstance, and that apiUrl and mediaUrl are the hosts your GREEN-API console shows.',
            ),
            actions: ['setCredentials', 'openSettings'],
          };
        }
        if (context.instanceVerified) {
          return {
            message: vscode.l10n.t(
              'This instance has no access to the status methods, which GREEN-API still treats as beta (403). Ask GREEN-API support to enable them.',
            ),
            actions: [],
          };
        }
        return {
          message: vscode.l10n.t(
            "GREEN-API refused access (403): the idInstance or the apiUrl/mediaUrl hosts may not be the ones your GREEN-API console shows, or the instance has no access to GREEN-API's status methods yet (beta).",
          ),
          actions: ['setCredentials', 'openSettings'],
        };
      case 'not-found':
        return { message: vscode.l10n.t('GREEN-API answered 404 to {0}: check the apiUrl and mediaUrl settings.', error.apiMethod), actions: ['openSettings'] };
      case 'rate-limited':
        return error.retryAfterMs
          ? { message: vscode.l10n.t('GREEN-API is limiting requests; try again in {0} s.', Math.ceil(error.retryAfterMs / 1000)), actions: [] }
          : { message: vscode.l10n.t('GREEN-API is limiting requests; try again in a moment.'), actions: ['retry'] };
      case 'quota':
        return {
          message: vscode.l10n.t(
            'Your GREEN-API plan quota is used up: {0}',
            error.serverMessage ?? vscode.l10n.t('upgrade the plan in the GREEN-API console.'),
          ),
          actions: [],
        };
      case 'bad-request':
        return { message: vscode.l10n.t('GREEN-API rejected the request: {0}', error.serverMessage ?? String(status)), actions: [] };
      case 'instance-starting':
        return { message: vscode.l10n.t('The GREEN-API instance is starting; try again in a few minutes.'), actions: ['retry'] };
      case 'instance-not-authorized':
        return {
          message: vscode.l10n.t('The GREEN-API instance is not authorized: link your phone by scanning the QR code in the GREEN-API console.'),
          actions: [],
        };
      case 'instance-expired':
        return { message: vscode.l10n.t('The GREEN-API instance has expired or was deleted: renew it in the GREEN-API console.'), actions: ['setCredentials'] };
      case 'server':
        return { message: vscode.l10n.t('GREEN-API had a server error ({0}).', status), actions: queuedMaybe ? [] : ['retry'] };
      case 'network':
        return {
          message: vscode.l10n.t(
            'Could not reach GREEN-API ({0}). Check your connection and the apiUrl/mediaUrl settings.',
            error.causeCode ?? vscode.l10n.t('connection failed'),
          ),
          actions: queuedMaybe ? ['openSettings'] : ['retry', 'openSettings'],
        };
      case 'tls':
        return {
          message: vscode.l10n.t(
            'The TLS certificate of the GREEN-API host was not trusted ({0}). Behind a corporate proxy? Check the http.systemCertificates setting or your system trust store.',
            error.causeCode ?? '',
          ),
          actions: ['openSettings'],
        };
      case 'timeout':
        return { message: vscode.l10n.t('GREEN-API did not answer in time ({0}).', error.apiMethod), actions: queuedMaybe ? [] : ['retry'] };
      case 'cancelled':
        return { message: vscode.l10n.t('Cancelled.'), actions: [] };
      case 'unexpected-response':
        return {
          message: vscode.l10n.t('GREEN-API sent an unexpected answer to {0} (a redirect or a malformed body).', error.apiMethod),
          actions: ['openSettings'],
        };
      case 'file-changed':
        return { message: vscode.l10n.t('{0} changed while it was uploading; nothing was posted.', context.fileLabel ?? ''), actions: ['retry'] };
      case 'file-unreadable':
        return {
          message: vscode.l10n.t('{0} could not be read while uploading ({1}); nothing was posted.', context.fileLabel ?? '', error.causeCode ?? ''),
          actions: ['retry'],
        };
      case 'download-link':
        // A retry would be stored the same way; the log tells which type GREEN-API did not take.
        return {
          message: error.causeCode
            ? vscode.l10n.t('GREEN-API stored the file as a download (…{0}), so WhatsApp would not show it. Nothing was posted.', error.causeCode)
            : vscode.l10n.t('GREEN-API stored the file as a download, so WhatsApp would not show it. Nothing was posted.'),
          actions: [],
        };
    }
  })();
  if (!queuedMaybe) return base;
  return {
    message: `${base.message} ${vscode.l10n.t('The status may already be queued: check WhatsApp before posting again.')}`,
    actions: base.actions.filter((action) => action !== 'retry'),
  };
}
