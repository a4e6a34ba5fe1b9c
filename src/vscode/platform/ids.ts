// Every id the extension shares with its manifest (package.json) or keeps in VS Code's storage, in one place. The
// manifest unit test checks the commands, the view and the context keys against package.json both ways.

/** Contributed commands. */
export const COMMAND = {
  postFile: 'whatsappStatus.postFile',
  postText: 'whatsappStatus.postText',
  postVoice: 'whatsappStatus.postVoice',
  postCodeImage: 'whatsappStatus.postCodeImage',
  codeImagePost: 'whatsappStatus.codeImage.post',
  setCredentials: 'whatsappStatus.setCredentials',
  forgetCredentials: 'whatsappStatus.forgetCredentials',
  showLog: 'whatsappStatus.showLog',
  instanceStatus: 'whatsappStatus.instanceStatus',
  enableStatistics: 'whatsappStatus.enableStatistics',
  historyRefresh: 'whatsappStatus.history.refresh',
  historyStatistics: 'whatsappStatus.history.statistics',
  historyDelete: 'whatsappStatus.history.delete',
  historyCopyId: 'whatsappStatus.history.copyId',
  historyPostAgain: 'whatsappStatus.history.postAgain',
  historyPostAgainToChosen: 'whatsappStatus.history.postAgainToChosen',
} as const;

/**
 * Commands that only the extension's own views offer: the Statuses view's items, the status bar item, the code image
 * preview's title. dist/features.js makes those views and registers these commands, so activation has no stand-in for
 * them; the manifest keeps them out of the palette.
 */
export const COMMANDS_OF_OWN_VIEWS: ReadonlySet<string> = new Set([
  COMMAND.historyStatistics,
  COMMAND.historyDelete,
  COMMAND.historyCopyId,
  COMMAND.historyPostAgain,
  COMMAND.historyPostAgainToChosen,
  COMMAND.instanceStatus,
  COMMAND.codeImagePost,
]);

/** The commands a person can reach before dist/features.js loads: activation registers a stand-in for each. */
export const COMMANDS_WITH_STAND_INS: readonly string[] = Object.values(COMMAND).filter((command) => !COMMANDS_OF_OWN_VIEWS.has(command));

/** The Statuses view, and the code image preview's webview panel type (named by `activeWebviewPanelId` clauses). */
export const VIEW = {
  history: 'whatsappStatus.history',
  codeImage: 'whatsappStatus.codeImage',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEY = {
  signedIn: 'whatsappStatus.signedIn',
  busy: 'whatsappStatus.busy',
} as const;

export const STATUS_BAR_ITEM = 'whatsappStatus.instanceState';

/** globalState and SecretStorage keys of the host layer (the core's own: HISTORY_KEY, UPLOAD_CACHE_KEY). */
export const STORAGE_KEY = {
  /** SecretStorage: the credentials. */
  credentials: 'whatsappStatus.credentials.v1',
  /** A boolean only: tells "never set" from "set, then lost by the keyring" (docs/reliability.md §1.3). */
  credentialsWereSet: 'whatsappStatus.credentialsWereSet',
  recentAudiences: 'whatsappStatus.recentAudiences',
  codeImageOptions: 'whatsappStatus.codeImage.options',
} as const;
