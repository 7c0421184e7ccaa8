/** The `solc` npm package (solc-js) ships no types; this is the part Argus uses. */
declare module 'solc' {
  interface ImportResult {
    contents?: string;
    error?: string;
  }
  const solc: {
    compile(input: string, callbacks?: { import?: (path: string) => ImportResult }): string;
    version(): string;
  };
  export default solc;
}
