// Prints one closing line that any CI can read: "jest: N passed, N failed, N skipped", after the ten
// slowest suites (where the test run's time goes, to keep `npm test` within its budget).
class SummaryReporter {
  onRunComplete(_, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numRuntimeErrorTestSuites } = results;
    const slowest = results.testResults
      .map((suite) => ({
        seconds: (suite.perfStats.end - suite.perfStats.start) / 1000,
        path: suite.testFilePath.replace(`${process.cwd()}/`, ''),
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 10);
    if (slowest.length > 1) {
      process.stdout.write('slowest suites:\n');
      for (const { seconds, path } of slowest) {
        process.stdout.write(`  ${seconds.toFixed(1).padStart(6)} s  ${path}\n`);
      }
    }
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    process.stdout.write(
      `jest: ${numPassedTests} passed, ${failed} failed, ${numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
