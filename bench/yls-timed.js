// Starts yaml-language-server with its validation call timed: each validateTextDocument writes
// "JMBENCH validate <uri> <ms>" to stderr. The debounce (validationDelayMs) is not included:
// this is the server's processing alone, as the benchmark's own server reports through
// journeymap/stats.
const handlers = require('yaml-language-server/out/server/src/languageserver/handlers/validationHandlers.js');
const proto = handlers.ValidationHandler.prototype;
const original = proto.validateTextDocument;
proto.validateTextDocument = async function (doc) {
  const t0 = performance.now();
  try {
    return await original.call(this, doc);
  } finally {
    process.stderr.write(`JMBENCH validate ${doc && doc.uri} ${doc && doc.version} ${(performance.now() - t0).toFixed(3)}\n`);
  }
};
require('yaml-language-server/out/server/src/server.js');
