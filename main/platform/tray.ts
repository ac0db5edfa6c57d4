import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { TrayAction, TrayItem, TrayModel } from '../tray/menu.ts';

export interface TrayDeps {
  Tray: new (image: NativeImage | string) => Tray;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
}

/** The icon file for each platform, inside dist/main/tray (see scripts/icons.ts). */
export function trayIconFile(platform: string): string {
  if (platform === 'darwin') return 'trayTemplate.png';
  return platform === 'win32' ? 'tray.ico' : 'tray.png';
}

/**
 * Turns the menu model into Electron's template. Labels are the model's, with `&` doubled on
 * Windows and Linux, where a single one would be taken as a keyboard mnemonic and vanish.
 */
export function toTemplate(
  items: TrayItem[],
  platform: string,
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  const text = (label: string) => (platform === 'darwin' ? label : label.replaceAll('&', '&&'));
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: text(item.label), enabled: false };
      case 'action':
        return { label: text(item.label), click: () => onAction(item.action) };
      case 'submenu':
        return { label: text(item.label), submenu: toTemplate(item.items, platform, onAction) };
    }
  });
}

/**
 * The tray icon. It only renders what the TrayController builds: every state change sets a new
 * menu (on Linux a changed menu shows only after setContextMenu again). The icon is never
 * destroyed while the app runs (electron#17622: a Linux tray cannot be recreated reliably).
 */
export function createTray(
  deps: TrayDeps,
  options: { iconPath: string; platform: string; onAction: (action: TrayAction) => void; onClick: () => void },
): { render(model: TrayModel): void; popUp(): void } {
  const tray = new deps.Tray(options.iconPath);
  let menu: Menu | null = null;
  // Windows users expect a click on the icon to bring the window up; the menu is on right-click.
  // (macOS opens the menu on click; Linux app indicators ignore clicks.)
  if (options.platform === 'win32') tray.on('click', options.onClick);
  return {
    render(model) {
      menu = deps.Menu.buildFromTemplate(toTemplate(model.items, options.platform, options.onAction));
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(menu);
    },
    popUp() {
      if (options.platform !== 'linux' && menu) tray.popUpContextMenu(menu);
    },
  };
}
