// Types of build-server.mjs, for the TypeScript that imports it (test/global-setup.ts, bench/).
export declare const serverDir: string;
export declare const serverEntry: string;
export declare function sourcesFingerprint(): string;
export declare function serverBuildIsStale(fingerprint?: string): boolean;
export declare function buildServer(): void;
export declare function buildServerIfStale(): boolean;
