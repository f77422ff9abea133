// Preloaded into Portkey's gateway by ../run.sh (node -r): its server listens on every interface and has no option
// for the address, so every listen() of this process is bound to 127.0.0.1 instead.
const net = require('net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const callback = args.find((arg) => typeof arg === 'function');
    return listen.call(this, Number(args[0]), '127.0.0.1', callback);
  }
  if (args[0] && typeof args[0] === 'object') {
    return listen.call(this, { ...args[0], host: '127.0.0.1' }, ...args.slice(1));
  }
  return listen.apply(this, args);
};
