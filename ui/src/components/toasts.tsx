/** App-wide toasts: `useToast().show(message, {action})`; errors show the API's message. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { Alert, Button, Snackbar } from "@mui/material";

interface ToastOptions {
  severity?: "success" | "info" | "warning" | "error";
  actionLabel?: string;
  onAction?: () => void;
  durationMs?: number;
}

interface Toast extends ToastOptions {
  key: number;
  message: string;
}

interface ToastApi {
  show(message: string, options?: ToastOptions): void;
  error(error: unknown, fallback?: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const show = useCallback((message: string, options: ToastOptions = {}) => {
    setToast({ key: Date.now(), message, ...options });
  }, []);
  const api = useMemo<ToastApi>(
    () => ({
      show,
      error: (error, fallback) =>
        show(error instanceof Error && error.message ? error.message : (fallback ?? "Error"), {
          severity: "error",
        }),
    }),
    [show],
  );
  const close = () => setToast(null);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <Snackbar
        key={toast?.key}
        open={!!toast}
        autoHideDuration={toast?.durationMs ?? 5000}
        onClose={(_event, reason) => reason !== "clickaway" && close()}
        anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
      >
        <Alert
          severity={toast?.severity ?? "info"}
          variant="filled"
          onClose={close}
          action={
            toast?.onAction ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  toast.onAction?.();
                  close();
                }}
              >
                {toast.actionLabel}
              </Button>
            ) : undefined
          }
        >
          {toast?.message}
        </Alert>
      </Snackbar>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast outside ToastProvider");
  return api;
}
