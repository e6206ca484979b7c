//! Columnar answers for analytics: `Table`, an Arrow table (slots, report rows or
//! combined rows) that pyarrow, polars and
//! pandas read through the Arrow PyCapsule interface (`__arrow_c_stream__`)
//! without a Python-level loop. Availability columns come from the engine's
//! columnar form (`SlotColumns`) moved, not copied, into Arrow buffers.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::types::UInt32Type;
use arrow_array::{
    Array, ArrayRef, Date32Array, DictionaryArray, Float64Array, RecordBatch, StringArray,
    StructArray, TimestampSecondArray, UInt32Array,
};
use arrow_buffer::ScalarBuffer;
use arrow_schema::{ArrowError, DataType, Field, Schema, TimeUnit};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3_arrow::ffi::{to_schema_pycapsule, to_stream_pycapsule, ArrayIterator};
use slotwise::{CombinedRow, ReportRow, SlotColumns};

/// A table of slots or report rows in Arrow form. Pass it to `pyarrow.table(t)`,
/// `polars.DataFrame(t)` or `pandas.DataFrame.from_arrow(t)`; `to_pyarrow()`,
/// `to_pandas()` and `to_polars()` do the same.
#[pyclass(frozen, module = "slotwise")]
pub struct Table {
    batch: RecordBatch,
    kind: &'static str,
}

fn arrow_err(e: ArrowError) -> PyErr {
    PyRuntimeError::new_err(format!("building the Arrow table failed: {e}"))
}

fn timestamps(values: Vec<i64>) -> TimestampSecondArray {
    TimestampSecondArray::new(ScalarBuffer::from(values), None).with_timezone("UTC")
}

fn counts(values: Vec<u32>) -> UInt32Array {
    UInt32Array::new(ScalarBuffer::from(values), None)
}

fn utc_seconds() -> DataType {
    DataType::Timestamp(TimeUnit::Second, Some("UTC".into()))
}

impl Table {
    /// The slots of an availability answer: `schedule` (dictionary-encoded ids),
    /// `start` and `end` (`timestamp[s, UTC]`), `capacity`, `booked`, `remaining`
    /// (uint32). Each column vector is moved into its Arrow buffer.
    pub fn slots(columns: SlotColumns) -> PyResult<Table> {
        let SlotColumns {
            ids,
            schedule,
            start,
            end,
            capacity,
            booked,
            remaining,
        } = columns;
        let names: ArrayRef = Arc::new(StringArray::from(ids));
        let schedule =
            DictionaryArray::<UInt32Type>::try_new(counts(schedule), names).map_err(arrow_err)?;
        let dict = DataType::Dictionary(Box::new(DataType::UInt32), Box::new(DataType::Utf8));
        let schema = Schema::new(vec![
            Field::new("schedule", dict, false),
            Field::new("start", utc_seconds(), false),
            Field::new("end", utc_seconds(), false),
            Field::new("capacity", DataType::UInt32, false),
            Field::new("booked", DataType::UInt32, false),
            Field::new("remaining", DataType::UInt32, false),
        ]);
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(schedule),
            Arc::new(timestamps(start)),
            Arc::new(timestamps(end)),
            Arc::new(counts(capacity)),
            Arc::new(counts(booked)),
            Arc::new(counts(remaining)),
        ];
        let batch = RecordBatch::try_new(Arc::new(schema), arrays).map_err(arrow_err)?;
        Ok(Table {
            batch,
            kind: "slots",
        })
    }

    /// Report rows: `schedule`, `bucket_start` (date32), `offered_seat_minutes`,
    /// `booked_seat_minutes`, `utilization` (float64, null when nothing is
    /// offered), `booked`, `attended`, `no_show`, `cancelled` (uint32),
    /// `cancellation_rate`, `no_show_rate` (float64, null without a denominator).
    pub fn report(rows: &[ReportRow]) -> PyResult<Table> {
        let float = |f: fn(&ReportRow) -> f64| -> ArrayRef {
            Arc::new(Float64Array::from_iter_values(rows.iter().map(f)))
        };
        let maybe = |f: fn(&ReportRow) -> Option<f64>| -> ArrayRef {
            Arc::new(rows.iter().map(f).collect::<Float64Array>())
        };
        let count = |f: fn(&ReportRow) -> u32| -> ArrayRef {
            Arc::new(UInt32Array::from_iter_values(rows.iter().map(f)))
        };
        let days = rows
            .iter()
            .map(|r| i32::try_from(r.bucket_start.day_number()).unwrap_or(i32::MAX));
        let schema = Schema::new(vec![
            Field::new("schedule", DataType::Utf8, false),
            Field::new("bucket_start", DataType::Date32, false),
            Field::new("offered_seat_minutes", DataType::Float64, false),
            Field::new("booked_seat_minutes", DataType::Float64, false),
            Field::new("utilization", DataType::Float64, true),
            Field::new("booked", DataType::UInt32, false),
            Field::new("attended", DataType::UInt32, false),
            Field::new("no_show", DataType::UInt32, false),
            Field::new("cancelled", DataType::UInt32, false),
            Field::new("cancellation_rate", DataType::Float64, true),
            Field::new("no_show_rate", DataType::Float64, true),
        ]);
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| &*r.schedule),
            )),
            Arc::new(Date32Array::from_iter_values(days)),
            float(|r| r.offered_seat_minutes),
            float(|r| r.booked_seat_minutes),
            maybe(|r| r.utilization),
            count(|r| r.appointments.booked),
            count(|r| r.appointments.attended),
            count(|r| r.appointments.no_show),
            count(|r| r.appointments.cancelled),
            maybe(|r| r.cancellation_rate),
            maybe(|r| r.no_show_rate),
        ];
        let batch = RecordBatch::try_new(Arc::new(schema), arrays).map_err(arrow_err)?;
        Ok(Table {
            batch,
            kind: "report",
        })
    }
}

impl Table {
    /// Combined rows: `start` and `end` (`timestamp[s, UTC]`), `schedules` (a list
    /// of ids per row) and `remaining` (uint32).
    pub fn combined(rows: &[CombinedRow]) -> PyResult<Table> {
        let mut schedules = ListBuilder::new(StringBuilder::new())
            .with_field(Arc::new(Field::new("item", DataType::Utf8, false)));
        for row in rows {
            for id in &row.schedules {
                schedules.values().append_value(id);
            }
            schedules.append(true);
        }
        let schedules = schedules.finish();
        let schema = Schema::new(vec![
            Field::new("start", utc_seconds(), false),
            Field::new("end", utc_seconds(), false),
            Field::new("schedules", schedules.data_type().clone(), false),
            Field::new("remaining", DataType::UInt32, false),
        ]);
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(timestamps(rows.iter().map(|r| r.start).collect())),
            Arc::new(timestamps(rows.iter().map(|r| r.end).collect())),
            Arc::new(schedules),
            Arc::new(counts(rows.iter().map(|r| r.remaining).collect())),
        ];
        let batch = RecordBatch::try_new(Arc::new(schema), arrays).map_err(arrow_err)?;
        Ok(Table {
            batch,
            kind: "combined",
        })
    }
}

#[pymethods]
impl Table {
    /// The table as an Arrow C stream (the Arrow PyCapsule interface); a
    /// `requested_schema` the columns can be cast to is honoured.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let array: ArrayRef = Arc::new(StructArray::from(self.batch.clone()));
        let field = Field::new_struct("", self.batch.schema().fields().clone(), false);
        let reader = ArrayIterator::new(std::iter::once(Ok(array)), Arc::new(field));
        Ok(to_stream_pycapsule(py, Box::new(reader), requested_schema)?)
    }

    /// The table's schema as an Arrow C schema capsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.batch.schema().as_ref())?)
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __repr__(&self) -> String {
        let columns: Vec<String> = self
            .batch
            .schema()
            .fields()
            .iter()
            .map(|f| format!("{}: {}", f.name(), f.data_type()))
            .collect();
        format!(
            "Table({}, rows={}, columns=[{}])",
            self.kind,
            self.batch.num_rows(),
            columns.join(", ")
        )
    }

    /// The table as a `pyarrow.Table` (needs pyarrow).
    fn to_pyarrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("pyarrow")?.call_method1("table", (slf,))
    }

    /// The table as a `pandas.DataFrame` (needs pandas and pyarrow); timestamps
    /// stay aware (UTC).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Self::to_pyarrow(slf)?.call_method0("to_pandas")
    }

    /// The table as a `polars.DataFrame` (needs polars).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("polars")?.call_method1("DataFrame", (slf,))
    }
}
