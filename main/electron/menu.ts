import { Menu } from 'electron';
import { buildMenuTemplate, type MenuContext } from '../menu/template';

export function installApplicationMenu(ctx: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(ctx)));
}
