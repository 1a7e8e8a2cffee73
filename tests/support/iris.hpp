#pragma once
// Fisher's iris (testdata/iris, see its SOURCE.md) as a segmentation::DataMatrix: 150 rows x 4
// measurements (cm), unscaled; the species (0, 1, 2) per row beside it.

#include "support/testdata_path.hpp"

#include <pooled/segmentation/data_matrix.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pooled::test {

struct Iris {
    segmentation::DataMatrix data;
    std::vector<int> species;
};

inline Iris iris() {
    std::ifstream in(testdata("iris/iris.csv"));
    std::string line;
    std::getline(in, line); // "150,4,setosa,versicolor,virginica"
    Iris out;
    std::vector<double> values;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string field;
        for (int c = 0; c < 4; ++c) {
            std::getline(fields, field, ',');
            values.push_back(std::stod(field));
        }
        std::getline(fields, field, ',');
        out.species.push_back(std::stoi(field));
    }
    if (values.size() != 600) {
        throw std::runtime_error("testdata/iris/iris.csv: expected 150 rows of 4 values");
    }
    out.data = segmentation::DataMatrix(150, 4, std::move(values),
                                        {"sepal_length", "sepal_width", "petal_length", "petal_width"});
    return out;
}

} // namespace pooled::test
