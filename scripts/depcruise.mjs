/**
 * Runs dependency-cruiser (`npm run lint`) with the TypeScript 5 parser.
 *
 * The project compiles with TypeScript 7 (native, no JavaScript API), and
 * dependency-cruiser 16 reads `.ts`/`.tsx` through the JavaScript API of
 * TypeScript 2–5. The devDependency `typescript5` (npm:typescript@5.9.x) is
 * that parser: here, dependency-cruiser's own `typescript` imports resolve to
 * it; every other module keeps resolving `typescript` to the installed one.
 *
 * Usage: node scripts/depcruise.mjs <depcruise arguments>
 */
import Module, { register } from 'node:module';

const fromCruiser = (parent) =>
  typeof parent === 'string' && parent.includes('/dependency-cruiser/');
const aliased = (request) => request.replace(/^typescript(?=\/|$)/, 'typescript5');

// require(): dependency-cruiser checks the version through `typescript/package.json`.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const target = fromCruiser(parent?.filename) ? aliased(request) : request;
  return resolveFilename.call(this, target, parent, ...rest);
};

// import(): the parser itself.
const hooks = `
export async function resolve(specifier, context, next) {
  const fromCruiser = (context.parentURL ?? '').includes('/dependency-cruiser/');
  return next(fromCruiser ? specifier.replace(/^typescript(?=\\/|$)/, 'typescript5') : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

await import(
  new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url).href
);
