// The part of madge's API that scripts/check-cycles.ts uses (the package ships no types).
declare module 'madge' {
  interface MadgeConfig {
    baseDir?: string;
    fileExtensions?: string[];
    excludeRegExp?: RegExp[];
  }
  interface MadgeResult {
    /** Each loop as the files on it, relative to baseDir. */
    circular(): string[][];
    /** Each file with the files it imports. */
    obj(): Record<string, string[]>;
  }
  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
}
