/** Every `kq` command, in the order `kq --help` lists them. Add a command by adding its module here. */
import type { Command } from '../common.js';
import { compileCommand } from './compile.js';
import { completeCommand } from './complete.js';
import { decompileCommand } from './decompile.js';
import { explainCommand } from './explain.js';
import { fieldsCommand } from './fields.js';
import { fmtCommand } from './fmt.js';
import { playgroundCommand } from './playground.js';
import { lspCommand } from './lsp.js';
import { replCommand } from './repl.js';
import { runCommand } from './run.js';
import { schemaCommand } from './schema.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { translateCommand } from './translate.js';

export const commands: readonly Command[] = [compileCommand, fmtCommand, decompileCommand, translateCommand, fieldsCommand, runCommand, searchCommand, schemaCommand, explainCommand, completeCommand, replCommand, serveCommand, lspCommand, playgroundCommand];
