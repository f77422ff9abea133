namespace CleanDashboard.Application.Common.Csv;

/// <summary>
/// A CSV document as typed fields, its rows read from the database only as they are written out. Text fields
/// may hold anything a caller sent, so the writer must quote them and defuse spreadsheet formulas.
/// </summary>
public sealed record CsvExportDto(string FileName, IReadOnlyList<string> Columns, IAsyncEnumerable<IReadOnlyList<object?>> Rows);
