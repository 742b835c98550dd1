/** Every `kq` command, in the order `kq --help` lists them. Add a command by adding its module here. */
import type { Command } from '../shared.js';
import { compileCommand } from './compile.js';
import { decompileCommand } from './decompile.js';
import { fieldsCommand } from './fields.js';
import { fmtCommand } from './fmt.js';

export const commands: readonly Command[] = [compileCommand, fmtCommand, decompileCommand, fieldsCommand];
