package com.cometapi.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes one benchmark's result: a markdown file with the machine, the table and the
 * command, and bar charts (PNG, drawn with XChart) beside it in
 * {@code benchmarks/results}.
 *
 * @author CometAPI team
 */
final class Report {

	static final String COMMAND = "./mvnw -B -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java";

	private final String name;

	private final StringBuilder text = new StringBuilder();

	/**
	 * Start a report.
	 * @param name the file name, without extension
	 * @param title the title
	 */
	Report(String name, String title) {
		this.name = name;
		this.text.append("# ").append(title).append("\n\n").append(Machine.describe()).append("\n\n");
	}

	/**
	 * Append markdown.
	 * @param markdown the text
	 * @return this report
	 */
	Report append(String markdown) {
		this.text.append(markdown);
		return this;
	}

	/**
	 * Draw a grouped bar chart, save it next to the report and reference it.
	 * @param suffix the chart's file-name suffix
	 * @param title the chart title
	 * @param yAxis the y-axis title
	 * @param categories the groups on the x axis
	 * @param series the bars: one series per name, one value per category
	 * @return this report
	 */
	Report chart(String suffix, String title, String yAxis, List<String> categories, List<Series> series) {
		CategoryChart chart = new CategoryChartBuilder().width(800)
			.height(420)
			.title(title)
			.yAxisTitle(yAxis)
			.theme(Styler.ChartTheme.GGPlot2)
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
		chart.getStyler().setLabelsVisible(true);
		chart.getStyler().setLabelsFontColorAutomaticEnabled(true);
		chart.getStyler().setYAxisDecimalPattern("#,##0.##");
		for (Series bars : series) {
			chart.addSeries(bars.name(), categories, bars.values());
		}
		String file = this.name + "-" + suffix + ".png";
		try {
			BitmapEncoder.saveBitmap(chart, directory().resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.text.append("![").append(title).append("](").append(file).append(")\n\n");
		return this;
	}

	/**
	 * Write the markdown file and print it.
	 * @return the path written
	 */
	Path write() {
		this.text.append("Command: `").append(COMMAND).append("`\n");
		Path file = directory().resolve(this.name + ".md");
		try {
			Files.writeString(file, this.text.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println();
		System.out.println(this.text);
		return file;
	}

	static Path directory() {
		Path results = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "results") : Path.of("results");
		try {
			Files.createDirectories(results);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return results;
	}

	/**
	 * One series of bars.
	 *
	 * @param name the legend
	 * @param values one value per category
	 */
	record Series(String name, List<? extends Number> values) {

	}

}
