// Mocha 12 ships as an ES module. `require('mocha')` of it gives the module namespace under Node 20 (the class is
// its `default` export) but may give the class itself elsewhere; both runners get the class from here.
import MochaTypes = require('mocha');

type MochaModule = typeof MochaTypes | { default?: typeof MochaTypes; Mocha?: typeof MochaTypes };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = require('mocha') as MochaModule;

export const Mocha: typeof MochaTypes =
  typeof loaded === 'function' ? loaded : (loaded.default ?? loaded.Mocha ?? failToFindMocha());

function failToFindMocha(): never {
  throw new Error('could not find the Mocha class in the mocha package');
}
