/** A day's header inside the grid: its label, and a check that selects the whole day. */
import { memo } from "react";
import { styled } from "@mui/material/styles";
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

const Root = styled("div")(({ theme }) => ({
  position: "absolute",
  display: "flex",
  alignItems: "center",
  gap: 4,
  overflow: "hidden",
  whiteSpace: "nowrap",
  fontSize: 14,
  fontWeight: 600,
  color: theme.palette.text.primary,
  "& .label": { overflow: "hidden", textOverflow: "ellipsis" },
  "& .detail": { fontWeight: 400, color: theme.palette.text.secondary, overflow: "hidden", textOverflow: "ellipsis" },
  "& button": {
    border: 0,
    padding: 0,
    background: "none",
    color: theme.palette.text.secondary,
    cursor: "pointer",
    display: "flex",
    opacity: 0,
    flexShrink: 0,
  },
  "&:hover button, & button:focus-visible, &[data-selecting] button": { opacity: 1 },
  "& button[aria-pressed=true]": { color: theme.palette.primary.main },
}));

function DayHeaderView(props: Props) {
  return (
    <Root
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
    </Root>
  );
}

export const DayHeader = memo(DayHeaderView);
