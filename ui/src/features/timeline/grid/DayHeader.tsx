/** A day's header inside the grid: its label, and a check that selects the whole day. */
import { memo } from "react";
import { DAY_CLASS } from "./styles";
import CheckCircle from "@mui/icons-material/CheckCircle";
import RadioButtonUnchecked from "@mui/icons-material/RadioButtonUnchecked";

interface Props {
  x: number;
  top: number;
  width: number;
  height: number;
  label: string;
  detail?: string;
  allSelected: boolean;
  selecting: boolean;
  toggleLabel: string;
  onToggle(): void;
}



function DayHeaderView(props: Props) {
  return (
    <div
      className={DAY_CLASS}
      role="heading"
      aria-level={3}
      data-testid="day-header"
      data-selecting={props.selecting ? "" : undefined}
      style={{ left: props.x, top: props.top, width: props.width, height: props.height }}
    >
      <button type="button" aria-pressed={props.allSelected} aria-label={props.toggleLabel} onClick={props.onToggle}>
        {props.allSelected ? <CheckCircle fontSize="small" /> : <RadioButtonUnchecked fontSize="small" />}
      </button>
      <span className="label" title={props.label}>
        {props.label}
      </span>
      {props.detail && (
        <span className="detail" title={props.detail}>
          · {props.detail}
        </span>
      )}
    </div>
  );
}

export const DayHeader = memo(DayHeaderView);
