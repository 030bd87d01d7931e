package dev.vtsne.io;

/** Whether the first non-blank row of a CSV/TSV input is a header. */
public enum CsvHeader {
    /** A header when any field of the first row (other than an index-selected label column) is not a number. */
    AUTO,
    /** The first row is a header, whatever it holds. */
    YES,
    /** There is no header: the first row is data. */
    NO
}
