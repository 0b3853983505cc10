import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
let t=Date.now();
const a = new PGlite(); await a.waitReady; console.log('plain', Date.now()-t);
t=Date.now();
const b = new PGlite({extensions:{unaccent}}); await b.waitReady; await b.exec('create extension unaccent; create table x(a int)'); console.log('ext', Date.now()-t);
t=Date.now(); const dump = await b.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size);
t=Date.now(); const c = new PGlite({loadDataDir: dump, extensions:{unaccent}}); await c.waitReady; console.log('load', Date.now()-t, (await c.query("select unaccent('é') u")).rows);
t=Date.now(); const d = await b.clone(); console.log('clone', Date.now()-t, (await d.query("select count(*) from x")).rows);
