/**
 * Runs dependency-cruiser (`npm run lint`) with swc as its TypeScript parser.
 *
 * The project compiles with TypeScript 7 (native, no JavaScript API), and
 * dependency-cruiser 16 reads TypeScript either through the JavaScript API of
 * TypeScript 2–5 or through @swc/core. It asks swc for TypeScript without
 * JSX, though, so a `.tsx` file fails to parse: here, dependency-cruiser's
 * `@swc/core` is the real one with `tsx: true` for `.tsx` files. Nothing else
 * changes (the rules are in .dependency-cruiser.cjs; tsconfig `paths` resolve
 * the `@shared/…` alias).
 *
 * Usage: node scripts/depcruise.mjs <depcruise arguments>
 */
import { register } from 'node:module';

const shim = new URL('./swc-tsx.mjs', import.meta.url).href;

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === '@swc/core' && (context.parentURL ?? '').includes('/dependency-cruiser/'))
    return { url: ${JSON.stringify(shim)}, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

await import(
  new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url).href
);
