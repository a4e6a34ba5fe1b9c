// The suite's entry point, loaded by the extension host (desktop VS Code or code-server) through extensionTestsPath.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';
import { Counts, summaryLine } from '../harness/summary';

export async function run(): Promise<void> {
  console.log(`host: ${vscode.env.appName} ${vscode.version}`);
  // WHATSAPP_STATUS_TEST_GREP runs a subset (the bench uses it to time activation alone).
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000, grep: process.env.WHATSAPP_STATUS_TEST_GREP });
  // WHATSAPP_STATUS_TEST_FILES (comma-separated names, e.g. "smoke") loads only those files: the floor run (runTest.ts
  // --floor) wants the smoke suite without the other files' hooks.
  const only = process.env.WHATSAPP_STATUS_TEST_FILES?.split(',').map((name) => `${name.trim()}.test.js`);
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.test.js') && (!only || only.includes(path.basename(file))),
  );
  for (const file of files.sort()) mocha.addFile(path.join(__dirname, file));

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
  const counts: Counts = { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
  console.log(summaryLine(counts));
  if (process.env.WHATSAPP_STATUS_RESULTS_FILE) {
    fs.writeFileSync(process.env.WHATSAPP_STATUS_RESULTS_FILE, JSON.stringify(counts));
  }
  if (counts.failed > 0 || counts.passed === 0) {
    throw new Error(`${counts.failed} failed, ${counts.passed} passed`);
  }
}
