#!/usr/bin/env node
// The CLI is compiled by `npm install` (the prepare script) into dist/.
require('../dist/src/cli/index.js');
