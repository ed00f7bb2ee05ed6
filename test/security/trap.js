// Preloaded (node --require) into the server and the CLI by trust.test.ts: records, on stderr,
// any attempt to reach the network, start a process, compile code from a string or load a
// module from outside the product (workspace-supplied code). Nothing the files say may do so.
'use strict';
const Module = require('module');
const path = require('path');
const report = (what) => process.stderr.write(`JM-TRAP ${what}\n`);
const wrap = (obj, name, label) => {
  const original = obj[name];
  if (typeof original !== 'function') return;
  obj[name] = function (...args) {
    report(`${label} ${String(args[0] && (args[0].href || args[0].host || args[0].path || args[0])).slice(0, 200)}`);
    return original.apply(this, args);
  };
};
const net = require('net');
wrap(net.Socket.prototype, 'connect', 'net.connect');
for (const m of ['http', 'https']) {
  const mod = require(m);
  wrap(mod, 'request', `${m}.request`);
  wrap(mod, 'get', `${m}.get`);
}
wrap(require('dns'), 'lookup', 'dns.lookup');
wrap(require('tls'), 'connect', 'tls.connect');
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
const cp = require('child_process');
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap(cp, f, `child_process.${f}`);
const vm = require('vm');
for (const f of ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']) wrap(vm, f, `vm.${f}`);
const allowed = [path.resolve(__dirname, '../../dist'), path.resolve(__dirname, '../../node_modules'), __dirname];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const resolved = (() => {
    try {
      return Module._resolveFilename(request, parent, isMain);
    } catch {
      return request;
    }
  })();
  if (path.isAbsolute(resolved) && !allowed.some((a) => resolved.startsWith(a + path.sep))) report(`require ${resolved}`);
  return load.apply(this, arguments);
};
