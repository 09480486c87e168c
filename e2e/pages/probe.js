// Loaded first, as a classic script, by the pages the cross-engine cases drive (e2e/cases/).
// Classic WebDriver has no console events and no init scripts, so the page itself does both jobs
// the same way in every engine:
// - it records what the page says through console.warn/console.error and what it throws, so a
//   case can count the library's warnings and fail on any uncaught error;
// - with `?break=NAME` it breaks IndexedDB before any other script runs (the cases of a browser
//   without a working IndexedDB). Without the parameter it changes nothing.
(function () {
  var probe = { console: [], errors: [] };
  window.probe = probe;
  ['warn', 'error'].forEach(function (type) {
    var original = console[type];
    console[type] = function () {
      var text = Array.prototype.map.call(arguments, function (part) {
        return part instanceof Error ? part.name + ': ' + part.message : String(part);
      }).join(' ');
      probe.console.push({ type: type, text: text });
      return original.apply(console, arguments);
    };
  });
  window.addEventListener('error', function (event) {
    probe.errors.push('error: ' + event.message);
  });
  window.addEventListener('unhandledrejection', function (event) {
    probe.errors.push('unhandled rejection: ' + String(event.reason));
  });

  var breakages = {
    // Old or locked-down browsers, some private modes.
    absent: function () {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    },
    // A sandboxed frame without allow-same-origin.
    'getter-throws': function () {
      Object.defineProperty(window, 'indexedDB', {
        configurable: true,
        get: function () {
          throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
        },
      });
    },
    'open-throws': function () {
      IDBFactory.prototype.open = function () {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      };
    },
    // The database is first created at version 5, so the library's open at version 1 (queued
    // behind it) fails asynchronously with a VersionError.
    'open-fails': function () {
      var open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (name) {
        open.call(this, name, 5).onsuccess = function (event) {
          event.target.result.close();
        };
        return open.call(this, name, 1);
      };
    },
    // A request whose events never fire, as when another tab blocks the open forever.
    'open-hangs': function () {
      IDBFactory.prototype.open = function () {
        return {};
      };
    },
  };
  var name = new URLSearchParams(location.search).get('break');
  if (name !== null) {
    if (!breakages[name]) throw new Error('probe.js: unknown breakage ' + name);
    breakages[name]();
  }
})();
