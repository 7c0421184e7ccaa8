// Vite bundles imported style sheets; TypeScript only needs to know such imports exist.
declare module '*.css';
