/**
 * Runs `call` while a hold on the database (a table lock, a frozen server) is in place; lifts it after
 * `call` settles, or after `safetyMs` at the latest. Code that waits for the database then gets its late
 * answer, so a request that should have been refused in time succeeds instead and the test fails rather
 * than hanging: that is how the database-limit tests check "within the bound" without timing anything.
 */
export async function whileHeld<T>(
  call: () => Promise<T>,
  lift: () => Promise<void> | void,
  safetyMs = 8_000,
): Promise<T> {
  const safety = setTimeout(() => void lift(), safetyMs);
  try {
    return await call();
  } finally {
    clearTimeout(safety);
    await lift();
  }
}
