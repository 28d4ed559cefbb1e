/**
 * Retries an assertion until it passes: events travel asynchronously, so a test waits for what a user
 * would eventually see, and fails with the assertion's own message if it never comes.
 */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
