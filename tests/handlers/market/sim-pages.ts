/**
 * What the simulated venue does before handing out each page in a chat test: the test
 * file mocks createSimulatedBarSource so every page passes through `simPages.before`
 * (wait at a door, move the clock), and resets it after each test. A file of its own,
 * importing nothing: the mock factory loads it while the mocked module is still loading.
 */
export const simPages: { before: (() => Promise<void> | void) | undefined } = { before: undefined };
