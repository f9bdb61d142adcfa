import { createContext, useContext } from 'react';

/** What node cards may ask of the canvas without props drilling (stable functions only, so cards never re-render for it). */
export type CanvasActions = {
  /** Shows a message to the user (status bar; errors are announced as alerts). */
  readonly notify: (text: string, tone?: 'info' | 'error') => void;
};

export const CanvasActionsContext = createContext<CanvasActions>({ notify: () => undefined });

export function useCanvasActions(): CanvasActions {
  return useContext(CanvasActionsContext);
}
