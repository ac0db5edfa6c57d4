/**
 * Where shell histories and coding agents keep what they saw, per platform. Paths that do not
 * exist are simply not scanned.
 */
import { join } from 'node:path';

export interface Home {
  home: string;
  env: NodeJS.ProcessEnv;
  platform: string;
}

export function shellHistoryPaths({ home, env, platform }: Home): string[] {
  const dataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const paths = [
    join(home, '.bash_history'),
    join(home, '.zsh_history'),
    join(home, '.zhistory'),
    join(home, '.histfile'),
    join(dataHome, 'fish', 'fish_history'),
    join(home, '.sh_history'),
    join(home, '.python_history'),
    join(home, '.node_repl_history'),
    join(home, '.psql_history'),
    join(home, '.mysql_history'),
    join(home, '.sqlite_history'),
    // PowerShell's PSReadLine history.
    join(dataHome, 'powershell', 'PSReadLine', 'ConsoleHost_history.txt'),
  ];
  if (env.HISTFILE) paths.push(env.HISTFILE);
  if (platform === 'win32') {
    const appData = env.APPDATA || join(home, 'AppData', 'Roaming');
    paths.push(join(appData, 'Microsoft', 'Windows', 'PowerShell', 'PSReadLine', 'ConsoleHost_history.txt'));
  }
  return [...new Set(paths)];
}

/**
 * Transcripts, tool results, settings and MCP configurations of coding agents: they read .env
 * files and echo keys into their logs (Claude Code keeps JSONL transcripts and tool results
 * under ~/.claude/projects; MCP settings hold keys in `env` blocks).
 */
export function agentPaths({ home, env, platform }: Home): string[] {
  const config = env.XDG_CONFIG_HOME || join(home, '.config');
  const paths = [
    join(home, '.claude'),
    join(home, '.claude.json'),
    join(home, '.codex'),
    join(home, '.cursor'),
    join(home, '.continue'),
    join(home, '.gemini'),
    join(home, '.aider.conf.yml'),
    join(home, '.aider.chat.history.md'),
    join(home, '.codeium'),
    join(home, '.windsurf'),
    join(config, 'github-copilot'),
    join(config, 'Claude', 'claude_desktop_config.json'),
    join(config, 'Cursor', 'User', 'settings.json'),
    join(config, 'Code', 'User', 'mcp.json'),
  ];
  if (platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support');
    paths.push(
      join(support, 'Claude', 'claude_desktop_config.json'),
      join(support, 'Cursor', 'User', 'settings.json'),
      join(support, 'Code', 'User', 'mcp.json'),
    );
  }
  if (platform === 'win32') {
    const appData = env.APPDATA || join(home, 'AppData', 'Roaming');
    paths.push(
      join(appData, 'Claude', 'claude_desktop_config.json'),
      join(appData, 'Cursor', 'User', 'settings.json'),
      join(appData, 'Code', 'User', 'mcp.json'),
    );
  }
  return [...new Set(paths)];
}
