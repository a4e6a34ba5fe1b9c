import Mocha from 'mocha';
import { summaryLine } from './summary';

/** Mocha's spec reporter, followed by the closing "N passed, N failed" line CI reads. */
class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      if (stats) console.log(summaryLine({ passed: stats.passes, failed: stats.failures, skipped: stats.pending }));
    });
  }
}

export = SpecWithSummary;
