import * as vscode from 'vscode';
import { BACK, type StepAnswer, type StepPosition } from '../../core/common/steps';

/** Shows "k of n" in the title bar and, past the first step (or when `back` says so), a Back button. */
export function placeStep(
  input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] },
  position: StepPosition | undefined,
  back = (position?.step ?? 1) > 1,
): void {
  if (position && position.totalSteps > 1) {
    input.step = position.step;
    input.totalSteps = position.totalSteps;
  }
  if (back) input.buttons = [vscode.QuickInputButtons.Back, ...input.buttons];
}

export interface InputStep {
  readonly title: string;
  readonly position?: StepPosition;
  /** Offer Back even on a first step: a sub-question goes back to the question that opened it. */
  readonly back?: boolean;
  readonly value?: string;
  readonly prompt?: string;
  readonly placeholder?: string;
  readonly password?: boolean;
  /** An error blocks Enter; an info message (a character count) only informs. */
  validate(value: string): vscode.InputBoxValidationMessage | undefined;
}

/**
 * An InputBox as one step of a multi-step question: "k of n", Back past the first step, Escape (or `signal`) cancels.
 * Resolves the accepted value, {@link BACK}, or undefined.
 */
export function inputStep(options: InputStep, signal?: AbortSignal): Promise<StepAnswer<string>> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    input.title = options.title;
    input.prompt = options.prompt;
    input.placeholder = options.placeholder;
    input.password = options.password ?? false;
    input.value = options.value ?? '';
    input.ignoreFocusOut = true;
    placeStep(input, options.position, options.back);
    const validate = () => {
      const message = options.validate(input.value);
      input.validationMessage = message;
      return message?.severity !== vscode.InputBoxValidationSeverity.Error;
    };
    let settled = false;
    const finish = (answer: StepAnswer<string>) => {
      if (settled) return;
      settled = true;
      input.dispose();
      resolve(answer);
    };
    input.onDidChangeValue(validate);
    input.onDidAccept(() => {
      if (validate()) finish(input.value);
    });
    input.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    input.onDidHide(() => finish(undefined));
    signal?.addEventListener('abort', () => finish(undefined), { once: true });
    if (signal?.aborted) return finish(undefined);
    validate();
    input.show();
  });
}

export interface PickStep<T extends vscode.QuickPickItem> {
  readonly title: string;
  readonly placeholder?: string;
  readonly position?: StepPosition;
  readonly active?: T;
  /** Whether Enter on this item answers (an entry that only informs does not); every item by default. */
  accepts?(item: T): boolean;
  /** Closes the picker as a dismissal. */
  readonly signal?: AbortSignal;
  /** More behaviour for the picker (items that follow what is typed), before it shows. */
  configure?(picker: vscode.QuickPick<T>): void;
}

/**
 * A QuickPick of single choices as one step of a multi-step question. Resolves the picked item, {@link BACK}, or
 * undefined when dismissed.
 */
export function pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: PickStep<T>): Promise<StepAnswer<T>> {
  return new Promise((resolve) => {
    const picker = vscode.window.createQuickPick<T>();
    picker.title = options.title;
    picker.placeholder = options.placeholder;
    picker.items = items;
    if (options.active) picker.activeItems = [options.active];
    picker.ignoreFocusOut = true;
    placeStep(picker, options.position);
    options.configure?.(picker);
    let settled = false;
    const finish = (answer: StepAnswer<T>) => {
      if (settled) return;
      settled = true;
      picker.dispose();
      resolve(answer);
    };
    picker.onDidAccept(() => {
      const [item] = picker.selectedItems;
      if (item && (options.accepts?.(item) ?? true)) finish(item);
    });
    picker.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    picker.onDidHide(() => finish(undefined));
    options.signal?.addEventListener('abort', () => finish(undefined), { once: true });
    if (options.signal?.aborted) finish(undefined);
    else picker.show();
  });
}
