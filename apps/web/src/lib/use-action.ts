import { useCallback, useEffect, useRef, useState } from "react";

export type TAction<TArgs, TData> = {
  /** Starts a call; the state follows the latest one (an earlier call that ends later changes nothing). */
  run: (args: TArgs) => void;
  isPending: boolean;
  isSuccess: boolean;
  data: TData | undefined;
  error: Error | null;
};

type TState<TData> = { status: "idle" | "pending" | "success" | "error"; data?: TData; error?: Error };

/**
 * One user action that calls the API (a rating, a steer): its state while pending, its answer or its error. The
 * results and permalink pages used React Query's `useMutation` for this alone: the hook keeps 10 KB of compressed
 * JavaScript (one script request) off both pages. `onSuccess` sees every call that succeeds, with its arguments.
 */
export function useAction<TArgs, TData>(
  call: (args: TArgs) => Promise<TData>,
  options: { onSuccess?: (data: TData, args: TArgs) => void } = {},
): TAction<TArgs, TData> {
  const [state, setState] = useState<TState<TData>>({ status: "idle" });
  const latest = useRef(0);
  const mounted = useRef(true);
  const handlers = useRef({ call, onSuccess: options.onSuccess });
  useEffect(() => {
    handlers.current = { call, onSuccess: options.onSuccess };
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback((args: TArgs) => {
    const id = ++latest.current;
    const settle = (next: TState<TData>) => {
      if (mounted.current && id === latest.current) setState(next);
    };
    setState({ status: "pending" });
    handlers.current.call(args).then(
      (data) => {
        if (mounted.current) handlers.current.onSuccess?.(data, args);
        settle({ status: "success", data });
      },
      (error: unknown) => settle({ status: "error", error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, []);

  return {
    run,
    isPending: state.status === "pending",
    isSuccess: state.status === "success",
    data: state.data,
    error: state.error ?? null,
  };
}
