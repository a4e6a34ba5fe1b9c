import * as vscode from 'vscode';
import type { GreenApiClient } from '../../core/greenApi/client';
import type { PostAnswers, PostTarget, StatusFile } from '../../core/statuses/postWorkflow';
import {
  publishFiles,
  type FileStatusKind as CoreFileStatusKind,
  type FileWarning,
  type FileHost,
  type PublishPrompts,
  type StatusHost,
} from '../../core/statuses/publish';
import type { StepAnswer, StepsPlacement } from '../../core/common/steps';
import { isRecord } from '../../core/common/json';
import { selectedResources } from '../../core/common/selection';
import { firstTime } from '../platform/activationMarks';
import { askAudience } from './audience';
import { exclusively } from '../platform/busy';
import { connect, startInstanceCheck } from './connection';
import { rememberPosted } from '../views/followUp';
import { resolveResource, type FileRules } from './fileTargets';
import { readFacts } from './mediaFacts';
import { describePreflightWarning, describeResourceProblem, type ResourceProblem } from '../platform/messages';
import { notifyCancelled, reportOutcome } from './outcome';
import { progressReporter, withPostProgress } from './progress';
import type { HostServices, PostOptions, StatusDetails } from '../platform/services';
import { readSettings } from '../platform/settings';

/** A kind of status posted from files: the core's kind, with the file rules and the details question of the host. */
export interface FileStatusKind<F extends StatusFile, D extends StatusDetails> extends CoreFileStatusKind<D> {
  readonly rules: FileRules<F>;
  /** The kind's own question (a caption, a colour): the first of the post's steps. */
  details(services: HostServices, targets: readonly PostTarget[], signal: AbortSignal, placement: StepsPlacement, previous?: D): Promise<StepAnswer<D>>;
}

/**
 * Posts the files at `uris`: the core's workflow runs the post end to end ({@link publishFiles}); this answers its
 * questions with VS Code's prompts, notifications, progress and storage. `answers` (from Retry Failed) skips every
 * question.
 */
export function postFileStatuses<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  uris: readonly vscode.Uri[],
  kind: FileStatusKind<F, D>,
  answers?: PostAnswers<D>,
  options: PostOptions = {},
): Promise<void> {
  firstTime('post/start');
  const uriOf = new Map<PostTarget, vscode.Uri>();
  const shared = sharedPorts(services);
  const host: FileHost<F, D, ResourceProblem> = {
    ...shared,
    resolve: async () => {
      const stripMetadata = !readSettings().keepMetadata;
      const resolved = await Promise.all(uris.map((uri) => resolveResource(uri, kind.rules, { stripMetadata })));
      for (const item of resolved) if (item.ok) uriOf.set(item.target, item.uri);
      return resolved;
    },
    facts: (target) => readFacts(services.bundles, uriOf.get(target)!),
    prompts: (client) => filePrompts(services, client, kind, options),
    withProgress: (task) => withPostProgress(vscode.l10n.t('WhatsApp status'), (progress, signal) => task(progressReporter(progress), signal)),
    refuse: (problems, total) => {
      const lines = problems.map(({ label, problem }) => `${label}: ${describeResourceProblem(problem)}`);
      void services.notifier.error(
        total === 1 ? vscode.l10n.t('Cannot post {0}', lines[0]) : vscode.l10n.t('Cannot post these files, so nothing was posted: {0}', lines.join('; ')),
      );
    },
    cancelled: () => notifyCancelled(services),
    // The retry runs later, from a notification, so it takes its turn like any other post.
    report: (results, lastAnswers) =>
      reportOutcome(services, shared.instance(), results, (failed) =>
        exclusively(services, () =>
          postFileStatuses(
            services,
            failed.map((target) => uriOf.get(target)!),
            kind,
            lastAnswers,
          ),
        ),
      ),
    firstPrompt: () => firstTime('post/firstPrompt'),
  };
  return publishFiles(host, kind, answers);
}

/** The questions of a post of files, asked with VS Code's prompts; warnings are described in the person's words. */
function filePrompts<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  client: GreenApiClient,
  kind: FileStatusKind<F, D>,
  options: PostOptions,
): PublishPrompts<D, FileWarning> {
  const describe = (warnings: readonly FileWarning[]) => warnings.map(({ label, warning }) => describePreflightWarning(label, warning));
  return {
    batchMode: (count) => services.prompts.batchMode(count),
    details: (targets, signal, placement, previous) => kind.details(services, targets, signal, placement, previous),
    participants: askAudience(services, client, options),
    confirm: (summary, warnings, signal, position) => services.prompts.confirm({ ...summary, warnings: describe(warnings) }, signal, position),
    acceptWarnings: (warnings) => askPostAnyway(services, describe(warnings)),
  };
}

/**
 * The ports every post answers alike (files and text): the services, the connection and its instance check, the
 * history. `instance()` is the instance the post went to, which the outcome's words depend on.
 */
export function sharedPorts(services: HostServices): Pick<
  StatusHost<unknown, unknown>,
  'log' | 'clock' | 'uploads' | 'confirmBeforePosting' | 'connect' | 'checkInstance' | 'remember'
> & {
  instance(): string | undefined;
} {
  let instance: string | undefined;
  return {
    log: services.log,
    clock: services.clock,
    uploads: services.uploads,
    confirmBeforePosting: readSettings().confirmBeforePosting,
    connect: async () => {
      const client = await connect(services);
      instance = client?.idInstance;
      return client;
    },
    checkInstance: (client) => startInstanceCheck(services, client),
    remember: (posted) => rememberPosted(services, posted),
    instance: () => instance,
  };
}

/** The warnings as a question of their own, when no confirmation shows them; true to post anyway. */
export function askPostAnyway(services: HostServices, lines: readonly string[]): Promise<boolean> {
  return services.prompts.ask(lines.join('\n'), vscode.l10n.t('Post anyway?'), vscode.l10n.t('Post Anyway'));
}

/**
 * Registers a command that posts the files it was run on: the clicked one, or every selected one, from the Explorer
 * or an editor tab; from the palette, the files `fallback` finds or asks for.
 */
export function registerFilePosting<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  command: string,
  kind: FileStatusKind<F, D>,
  fallback: () => Promise<readonly vscode.Uri[] | undefined>,
): vscode.Disposable {
  return vscode.commands.registerCommand(command, (clicked?: vscode.Uri, selected?: vscode.Uri[], options?: unknown) =>
    exclusively(services, async () => {
      const picked = selectedResources(clicked instanceof vscode.Uri ? clicked : undefined, Array.isArray(selected) ? selected : undefined);
      // Signed out: say so before the file dialog, not after the person chose files.
      if (!picked.length && !(await connect(services))) return;
      const uris = picked.length ? picked : await fallback();
      const explicitAudience = isRecord(options) && options.explicitAudience === true;
      if (uris?.length) await postFileStatuses(services, uris, kind, undefined, { explicitAudience });
    }),
  );
}
