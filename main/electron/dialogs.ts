import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { DesignDialogs } from '../ipc/handlers';

const FILTERS = [
  { name: 'ECS Designer designs', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export function createElectronDialogs(getWindow: () => BrowserWindow | null): DesignDialogs {
  return {
    async showOpenDesign() {
      const options: OpenDialogOptions = { title: 'Open Design', properties: ['openFile'], filters: FILTERS };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async showSaveDesign({ suggestedName }) {
      const options: SaveDialogOptions = {
        title: 'Save Design As',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: FILTERS,
        // macOS and Windows always confirm replacing a file; Linux needs to be asked to.
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async showOpenImport() {
      const options: OpenDialogOptions = {
        title: 'Import',
        properties: ['openFile'],
        filters: [
          { name: 'Task definition, docker-compose or CloudFormation', extensions: ['json', 'yaml', 'yml', 'template'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async showChooseExportFolder(opts) {
      const options: OpenDialogOptions = { title: opts?.title ?? 'Export Task Definitions To', properties: ['openDirectory', 'createDirectory'] };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async showSaveDiagram({ suggestedName, format }) {
      const options: SaveDialogOptions = {
        title: 'Export Diagram',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [
          format === 'svg' ? { name: 'SVG image', extensions: ['svg'] } : { name: 'PNG image', extensions: ['png'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
