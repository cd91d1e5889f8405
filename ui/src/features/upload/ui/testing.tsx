/** Rendering the upload UI around a fake engine, for the tests beside this file. */
import type { ReactNode } from "react";
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { vi } from "vitest";
import { ToastProvider } from "../../../components/toasts";
import { DropZone } from "./DropZone";
import { FakeUploadController } from "./fakeController";
import { UploadPanel } from "./UploadPanel";
import { UploadProvider } from "./UploadProvider";

export function renderUpload(controller: FakeUploadController, children?: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <UploadProvider createController={() => controller}>
          {children}
          <UploadPanel />
          <DropZone />
        </UploadProvider>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...view, client };
}

/** jsdom lays nothing out: give every element a box so the virtualised list has a viewport. */
export function giveElementsABox(height = 330, width = 420): void {
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue({
    x: 0, y: 0, top: 0, left: 0, bottom: height, right: width, width, height, toJSON: () => ({}),
  } as DOMRect);
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(width);
}
